package dev.stockroom.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.vertx.ext.web.Router;

/**
 * Leaves responses under 1 KiB uncompressed: gzip costs more than it saves on small bodies. Vert.x 4 has no
 * size threshold of its own; marking a response {@code identity} before its headers go out is how Quarkus
 * itself opts a response out of compression.
 */
@ApplicationScoped
public class CompressionThreshold {

    static final int THRESHOLD_BYTES = 1024;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                String length = context.response().headers().get(HttpHeaderNames.CONTENT_LENGTH);
                if (length != null && !context.response().headers().contains(HttpHeaderNames.CONTENT_ENCODING)
                        && Long.parseLong(length) < THRESHOLD_BYTES) {
                    context.response().putHeader(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.IDENTITY);
                }
            });
            context.next();
        });
    }
}
