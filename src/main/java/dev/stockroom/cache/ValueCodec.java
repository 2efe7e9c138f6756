package dev.stockroom.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Cached values as text: {@code j} and the JSON of the method's declared return type, or, at and above
 * {@code stockroom.cache.compress-above} bytes, {@code z} and the base64 of its gzip (text keeps every Redis
 * argument a plain string; JSON compresses well enough that base64's third costs little).
 */
final class ValueCodec {

    private final ObjectMapper json;
    private final int compressAbove;

    ValueCodec(ObjectMapper json, int compressAbove) {
        this.json = json;
        this.compressAbove = compressAbove;
    }

    String encode(Object value) {
        try {
            byte[] plain = json.writeValueAsBytes(value);
            if (plain.length < compressAbove) {
                return "j" + new String(plain, StandardCharsets.UTF_8);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 4);
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(plain);
            }
            return "z" + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object decode(String stored, JavaType type) {
        try {
            if (stored.charAt(0) == 'z') {
                byte[] compressed = Base64.getDecoder().decode(stored.substring(1));
                try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                    return json.readValue(gzip, type);
                }
            }
            return json.readValue(stored.substring(1), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
