package dev.stockroom.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stockroom.ratelimit.RateLimitConfig.Algorithm;
import dev.stockroom.ratelimit.RateLimitConfig.FailureMode;
import dev.stockroom.ratelimit.RateLimitConfig.KeyScope;

class RateLimitHeadersTest {

    private static EffectivePolicy policy(String name, int limit, Duration window) {
        return new EffectivePolicy(name, Algorithm.GCRA, limit, window, limit, KeyScope.API_KEY, FailureMode.LOCAL, false);
    }

    @Test
    void describesEveryPolicyAndTheTightestInTheCommonHeaders() {
        Map<String, String> headers = RateLimitHeaders.of(List.of(
                new Decision(policy("api", 600, Duration.ofMinutes(1)), true, 599, 100_000, 0, 100_000, false),
                new Decision(policy("orders-create", 10, Duration.ofSeconds(10)), true, 3, 7_000_001, 0, 1_000_001, false)));
        assertEquals("\"api\";q=600;w=60, \"orders-create\";q=10;w=10", headers.get("RateLimit-Policy"));
        // t: until more quota is available (the next unit back), not until the policy is whole again
        assertEquals("\"api\";r=599;t=1, \"orders-create\";r=3;t=2", headers.get("RateLimit"));
        assertEquals("10", headers.get("X-RateLimit-Limit"));
        assertEquals("3", headers.get("X-RateLimit-Remaining"));
        assertEquals("8", headers.get("X-RateLimit-Reset"));
    }

    @Test
    void retryAfterRoundsUpSoThatARetryIsAdmitted() {
        EffectivePolicy policy = policy("api", 1, Duration.ofMinutes(1));
        assertEquals("1", RateLimitHeaders.retryAfter(List.of(rejected(policy, 1))));
        assertEquals("2", RateLimitHeaders.retryAfter(List.of(rejected(policy, 1_000_001))));
        assertEquals("60", RateLimitHeaders.retryAfter(List.of(rejected(policy, 60_000_000))));
    }

    @Test
    void aRejectionsResetIsItsRetryAfter() {
        Decision rejected = rejected(policy("api", 5, Duration.ofMinutes(1)), 11_500_000);
        assertEquals("\"api\";r=0;t=12", RateLimitHeaders.of(List.of(rejected)).get("RateLimit"));
        assertEquals("12", RateLimitHeaders.retryAfter(List.of(rejected)));
    }

    private static Decision rejected(EffectivePolicy policy, long retryMicros) {
        return new Decision(policy, false, 0, 60_000_000, retryMicros, retryMicros, false);
    }
}
