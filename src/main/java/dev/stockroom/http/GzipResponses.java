package dev.stockroom.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

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
 * <p>
 * Every JSON body is written by {@link Text} (JSON the service holds as text) or {@link Values} (anything
 * else, by the ObjectMapper): body writers rather than a {@code WriterInterceptor}, because once any writer
 * interceptor applies, Quarkus REST copies the response's header fields and builds the response again for
 * every body, which cost a cached read about 7 % of its CPU.
 */
@Singleton
public class GzipResponses {

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

    /** JSON the service already holds as text (a cached product or page): its bytes go out as they are. */
    @Provider
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    public static final class Text extends JsonBodies<String> {
        Text(GzipResponses gzip) {
            super(gzip, String.class);
        }
    }

    /** Any other JSON body, serialized by the application's ObjectMapper. */
    @Provider
    @Produces({ MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE })
    public static final class Values extends JsonBodies<Object> {
        Values(GzipResponses gzip) {
            super(gzip, Object.class);
        }
    }

    /** A writer of JSON bodies of type {@code T} through {@link #body(Object)}. */
    abstract static class JsonBodies<T> implements ServerMessageBodyWriter<T> {

        private final GzipResponses gzip;
        private final Class<T> handled;

        JsonBodies(GzipResponses gzip, Class<T> handled) {
            this.gzip = gzip;
            this.handled = handled;
        }

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
            return isWriteable(type, mediaType);
        }

        @Override
        public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            return isWriteable(type, mediaType);
        }

        private boolean isWriteable(Class<?> type, MediaType mediaType) {
            return handled.isAssignableFrom(type) && compressible(mediaType);
        }

        @Override
        public void writeResponse(T value, Type genericType, ServerRequestContext context) throws IOException {
            context.serverResponse().end(gzip.body(value));
        }

        @Override
        public void writeTo(T value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
            out.write(gzip.body(value));
        }
    }

    /**
     * The bytes of a JSON body as this request gets them, encoded when it accepts gzip and they are large
     * enough; its header fields go on the Vert.x response, which Quarkus REST has not yet sent.
     */
    byte[] body(Object value) throws IOException {
        HttpServerRequest request = current.getCurrent().request();
        HttpServerResponse response = current.getCurrent().response();
        return value instanceof String text ? encode(text, request, response)
                : encode(json.writeValueAsBytes(value), request, response);
    }

    /**
     * HEAD: the body is never written, so its length and coding are worked out here, from the entity, as GET
     * would write it (RFC 9110, section 9.3.2: the same header fields as GET).
     */
    @ServerResponseFilter
    public void head(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (HttpMethod.HEAD.equals(request.getMethod()) && response.hasEntity() && compressible(response.getMediaType())) {
            byte[] bytes = body(response.getEntity());
            current.getCurrent().response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length));
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
