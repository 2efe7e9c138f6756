package dev.stockroom.http;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Header fields every response carries, whoever writes it (Quarkus REST, the body-limit route, authentication
 * failures, Quarkus' own 404): a Vert.x route ahead of all others, acting when the headers go out.
 * <ul>
 * <li>{@code Date} (RFC 9110, section 6.6.1: an origin server with a clock sends it), formatted once a second.</li>
 * <li>What shared caches may keep. Tenant answers depend on the credential: a successful read is
 * {@code private, no-cache} (the client may keep it and revalidate with its ETag), every other answer under
 * {@code /api/} (errors included) {@code no-store}, each with {@code Vary} on the credential headers and
 * {@code Accept-Encoding}. Operator answers, API-key answers (they carry secrets) and every 401 are
 * {@code no-store}. A proxy that caches by URL alone thus never hands one caller's answer to another.</li>
 * </ul>
 */
@ApplicationScoped
public class ResponseHeaders {

    static final String PRIVATE_REVALIDATE = "private, no-cache";
    static final String NO_STORE = "no-store";
    static final List<String> VARY = List.of("Authorization", "X-API-Key", "Accept-Encoding");
    private static final String VARY_VALUE = String.join(", ", VARY);

    private static volatile CachedDate date = new CachedDate(0, "");

    private record CachedDate(long second, String text) {
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            context.addHeadersEndHandler(ignored -> apply(context));
            context.next();
        });
    }

    private void apply(RoutingContext context) {
        MultiMap headers = context.response().headers();
        if (!headers.contains(HttpHeaderNames.DATE)) {
            headers.set(HttpHeaderNames.DATE, httpDate());
        }
        String path = context.normalizedPath();
        int status = context.response().getStatusCode();
        if (status == 401 || path.startsWith("/admin/") || path.startsWith("/api/v1/api-keys")) {
            headers.set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
            vary(headers);
        } else if (path.startsWith("/api/")) {
            if (!headers.contains(HttpHeaderNames.CACHE_CONTROL)) {
                boolean read = context.request().method() == HttpMethod.GET || context.request().method() == HttpMethod.HEAD;
                boolean fresh = status < 300 || status == 304;
                headers.set(HttpHeaderNames.CACHE_CONTROL, read && fresh ? PRIVATE_REVALIDATE : NO_STORE);
            }
            vary(headers);
        }
    }

    private static void vary(MultiMap headers) {
        String present = headers.get(HttpHeaderNames.VARY);
        if (present == null) {
            headers.set(HttpHeaderNames.VARY, VARY_VALUE);
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(); // field names are case-insensitive
        for (String name : present.split(",")) {
            all.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), name.trim());
        }
        VARY.forEach(name -> all.putIfAbsent(name.toLowerCase(Locale.ROOT), name));
        headers.set(HttpHeaderNames.VARY, String.join(", ", all.values()));
    }

    /** The current time as an IMF-fixdate, formatted at most once a second. */
    private static String httpDate() {
        long millis = System.currentTimeMillis();
        long second = millis / 1000;
        CachedDate cached = date;
        if (cached.second() != second) {
            cached = new CachedDate(second, DateFormatter.format(new Date(second * 1000)));
            date = cached;
        }
        return cached.text();
    }
}
