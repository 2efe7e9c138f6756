package dev.stockroom.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The response headers for a set of decisions. {@code RateLimit-Policy} lists every policy and
 * {@code RateLimit} the state of each (IETF httpapi ratelimit-headers draft, structured fields: {@code q}
 * quota, {@code w} window in seconds, {@code r} remaining, {@code t} seconds until more quota is available,
 * which on a rejection is the {@code Retry-After} of that policy). The {@code X-RateLimit-*} headers describe
 * the most constrained policy, {@code X-RateLimit-Reset} in seconds until it is whole again; {@code Retry-After}
 * (whole seconds, rounded up, so that a request sent after it is admitted) goes on rejections only.
 */
final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    /** The headers, for a problem response. */
    static Map<String, String> of(List<Decision> decisions) {
        Map<String, String> headers = new LinkedHashMap<>();
        write(decisions, headers::put);
        return headers;
    }

    /** Writes the headers into {@code headers} (name, value): an admitted request's straight onto its response. */
    static void write(List<Decision> decisions, BiConsumer<String, String> headers) {
        // Built by hand, not with String.format: these are written on every limited response.
        StringBuilder policies = new StringBuilder(48 * decisions.size());
        StringBuilder states = new StringBuilder(40 * decisions.size());
        Decision tightest = decisions.get(0);
        for (Decision d : decisions) {
            String separator = policies.isEmpty() ? "\"" : ", \"";
            policies.append(separator).append(d.policy().name()).append("\";q=").append(d.policy().limit())
                    .append(";w=").append(d.policy().window().toSeconds());
            states.append(separator).append(d.policy().name()).append("\";r=").append(d.remaining()).append(";t=")
                    .append(seconds(d.nextMicros()));
            if (d.remaining() < tightest.remaining()) {
                tightest = d;
            }
        }
        headers.accept("RateLimit-Policy", policies.toString());
        headers.accept("RateLimit", states.toString());
        headers.accept("X-RateLimit-Limit", Integer.toString(tightest.policy().limit()));
        headers.accept("X-RateLimit-Remaining", Long.toString(tightest.remaining()));
        headers.accept("X-RateLimit-Reset", Long.toString(seconds(tightest.resetMicros())));
    }

    static String retryAfter(List<Decision> rejected) {
        return Long.toString(Math.max(1, seconds(rejected.stream().mapToLong(Decision::retryMicros).max().orElse(0))));
    }

    /** Microseconds to whole seconds, rounded up. */
    static long seconds(long micros) {
        return (micros + 999_999) / 1_000_000;
    }
}
