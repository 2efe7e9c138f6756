package dev.stockroom.ratelimit;

import java.util.Map;

import jakarta.enterprise.context.RequestScoped;

/** The headers the limiter decided for the current request, for {@link RateLimitResponseFilter}. */
@RequestScoped
public class RateLimitOutcome {

    private Map<String, String> headers = Map.of();

    Map<String, String> headers() {
        return headers;
    }

    void set(Map<String, String> headers) {
        this.headers = headers;
    }
}
