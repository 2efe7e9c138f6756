package dev.stockroom.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * gzip for every JSON body of {@value #THRESHOLD_BYTES} bytes or more whose request accepts it; smaller
 * bodies go as they are, since gzip costs more than it saves on them. Done here rather than by Vert.x (whose
 * compression is off): Netty's compressor matches coding names case-sensitively, where RFC 9110 makes them
 * case-insensitive, and Vert.x 4 has no size threshold, so opting a small body out of it sent
 * {@code Content-Encoding: identity}, on 204, 304 and HEAD answers too. HEAD gets the field values GET would.
 */
@Provider
public class GzipResponses implements WriterInterceptor {

    static final int THRESHOLD_BYTES = 1024;
    private static final int HELD_TEXTS = 4096;

    private final CurrentVertxRequest current;
    private final ObjectMapper json;
    /** By identity, held weakly: an entry lives as long as its text does elsewhere (in the near cache, say). */
    private final Cache<String, EncodedText> held = LocalCaches.weakKeys(HELD_TEXTS);

    GzipResponses(CurrentVertxRequest current, ObjectMapper json) {
        this.current = current;
        this.json = json;
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException, WebApplicationException {
        if (!compressible(context.getMediaType())) {
            context.proceed();
            return;
        }
        // Header fields go on the Vert.x response: Quarkus REST has sent its own to it before writing the body.
        HttpServerRequest request = current.getCurrent().request();
        HttpServerResponse response = current.getCurrent().response();
        if (context.getEntity() instanceof String text) {
            // JSON the service already holds as text (a cached product or page): its bytes are written as they
            // are, with no buffer in between.
            context.setEntity(encode(text, request, response));
            context.setType(byte[].class);
            context.setGenericType(byte[].class);
            context.proceed();
            return;
        }
        if (!acceptsGzip(request, response)) {
            context.proceed();
            return;
        }
        OutputStream out = context.getOutputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        context.setOutputStream(body);
        context.proceed();
        context.setOutputStream(out);
        out.write(encode(body.toByteArray(), request, response));
    }

    /**
     * HEAD: the body is never written, so its length and coding are worked out here, from the entity, as GET
     * would write it (RFC 9110, section 9.3.2: the same header fields as GET).
     */
    @ServerResponseFilter
    public void head(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (HttpMethod.HEAD.equals(request.getMethod()) && response.hasEntity() && compressible(response.getMediaType())) {
            HttpServerResponse vertx = current.getCurrent().response();
            Object entity = response.getEntity();
            HttpServerRequest get = current.getCurrent().request();
            byte[] bytes = entity instanceof String text ? encode(text, get, vertx)
                    : encode(json.writeValueAsBytes(entity), get, vertx);
            vertx.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length));
        }
    }

    /**
     * JSON text, encoded. Text of {@value #THRESHOLD_BYTES} characters or more is encoded once per String:
     * a cached page or product is answered again and again as the same String (the near cache's), and
     * compressing a page of 50 products on every hit would cost more than the rest of the hit.
     */
    private byte[] encode(String text, HttpServerRequest request, HttpServerResponse response) throws IOException {
        if (text.length() < THRESHOLD_BYTES) {
            return encode(text.getBytes(StandardCharsets.UTF_8), request, response);
        }
        EncodedText encoded = held.get(text, EncodedText::new);
        if (!acceptsGzip(request, response)) {
            return encoded.plain;
        }
        response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        return encoded.gzip();
    }

    /** A text's UTF-8 bytes, and their gzip once a request accepts it (a race computes it twice, harmlessly). */
    private static final class EncodedText {
        final byte[] plain;
        private volatile byte[] gzip;

        EncodedText(String text) {
            plain = text.getBytes(StandardCharsets.UTF_8);
        }

        byte[] gzip() throws IOException {
            byte[] compressed = gzip;
            if (compressed == null) {
                compressed = GzipResponses.gzip(plain);
                gzip = compressed;
            }
            return compressed;
        }
    }

    private static byte[] encode(byte[] bytes, HttpServerRequest request, HttpServerResponse response) throws IOException {
        if (bytes.length < THRESHOLD_BYTES || !acceptsGzip(request, response)) {
            return bytes;
        }
        response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        return gzip(bytes);
    }

    /** Whether the request accepts gzip; either way the answer varies with it. */
    private static boolean acceptsGzip(HttpServerRequest request, HttpServerResponse response) {
        if (!response.headers().contains(HttpHeaders.VARY)) {
            response.putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        List<String> accepted = request.headers().getAll(HttpHeaders.ACCEPT_ENCODING);
        return !accepted.isEmpty() && AcceptEncoding.acceptsGzip(accepted);
    }

    private static boolean compressible(MediaType type) {
        return type != null && (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(bytes.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 8192)) {
            gzip.write(bytes);
        }
        return compressed.toByteArray();
    }
}
