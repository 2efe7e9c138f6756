package dev.stockroom.ratelimit;

import dev.stockroom.http.Problem;
import dev.stockroom.http.ProblemException;

/** 503 {@code rate-limiter-unavailable}: Redis is away and a policy of the request fails closed. */
public class RateLimiterUnavailable extends ProblemException {

    RateLimiterUnavailable() {
        super(Problem.of(503, "rate-limiter-unavailable")
                .detail("Requests cannot be admitted right now; retry shortly").build());
    }
}
