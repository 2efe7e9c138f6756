package dev.stockroom.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The canonical hash of a method's arguments: SHA-256 of their JSON with properties and map keys sorted,
 * base64url, 128 bits. Equal arguments give equal hashes; no argument text can reach the key's structure.
 */
final class ArgumentHash {

    private final ObjectMapper canonical;

    ArgumentHash(ObjectMapper json) {
        this.canonical = json.copy()
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    String of(Object[] arguments) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.writeValueAsBytes(arguments));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Arguments of a @TenantCached method must serialize to JSON", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
