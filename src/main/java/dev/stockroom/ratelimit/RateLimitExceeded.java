package dev.stockroom.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.stockroom.http.Problem;
import dev.stockroom.http.ProblemException;

/**
 * 429 {@code quota-exceeded}: a policy is exhausted; the limiter's headers plus {@code Retry-After}. The body
 * names the exhausted policies in {@code violated-policies}, the member the IETF ratelimit-headers draft
 * defines for its quota-exceeded problem type.
 */
public class RateLimitExceeded extends ProblemException {

    RateLimitExceeded(List<Decision> rejected, Map<String, String> headers) {
        super(problem(rejected), withRetryAfter(rejected, headers));
    }

    private static Problem problem(List<Decision> rejected) {
        String policy = rejected.get(0).policy().name();
        String retryAfter = RateLimitHeaders.retryAfter(rejected);
        return Problem.of(429, "quota-exceeded")
                .detail("Rate limit policy '" + policy + "' is exhausted; retry in " + retryAfter + " s")
                .with("violated-policies", rejected.stream().map(d -> d.policy().name()).toList())
                .with("policy", policy)
                .with("retryAfter", Long.parseLong(retryAfter))
                .build();
    }

    private static Map<String, String> withRetryAfter(List<Decision> rejected, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Retry-After", RateLimitHeaders.retryAfter(rejected));
        return all;
    }
}
