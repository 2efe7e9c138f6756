package dev.stockroom.ratelimit;

import io.vertx.ext.web.RoutingContext;

/**
 * The client's address for per-IP policies. Behind a proxy, enable {@code quarkus.http.proxy.*} so that
 * Quarkus takes it from {@code Forwarded} / {@code X-Forwarded-For}; the header is never trusted otherwise.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(RoutingContext context) {
        if (context == null || context.request().remoteAddress() == null) {
            return null;
        }
        return context.request().remoteAddress().hostAddress();
    }
}
