package dev.stockroom.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.stockroom.ratelimit.RateLimitConfig.Algorithm;
import dev.stockroom.ratelimit.RateLimitConfig.FailureMode;
import dev.stockroom.ratelimit.RateLimitConfig.KeyScope;

class LocalRateLimiterTest {

    private final AtomicLong micros = new AtomicLong(1_000_000_000L);

    private static EffectivePolicy policy(int limit, Duration window, int burst) {
        return new EffectivePolicy("p", Algorithm.GCRA, limit, window, burst, KeyScope.TENANT, FailureMode.LOCAL, false);
    }

    @Test
    void admitsTheBurstThenOneRequestPerInterval() {
        LocalRateLimiter limiter = new LocalRateLimiter(1, micros::get);
        EffectivePolicy tenPerSecond = policy(10, Duration.ofSeconds(1), 10);
        for (int i = 9; i >= 0; i--) {
            Decision decision = limiter.decide(List.of(tenPerSecond), List.of("k"), 1).get(0);
            assertTrue(decision.admitted());
            assertEquals(i, decision.remaining());
        }
        Decision rejected = limiter.decide(List.of(tenPerSecond), List.of("k"), 1).get(0);
        assertFalse(rejected.admitted());
        assertEquals(100_000, rejected.retryMicros(), "one slot frees every 100 ms");

        micros.addAndGet(100_000);
        assertTrue(limiter.decide(List.of(tenPerSecond), List.of("k"), 1).get(0).admitted());
        assertFalse(limiter.decide(List.of(tenPerSecond), List.of("k"), 1).get(0).admitted());
    }

    @Test
    void eachInstanceAdmitsItsShare() {
        LocalRateLimiter limiter = new LocalRateLimiter(4, micros::get);
        EffectivePolicy policy = policy(100, Duration.ofMinutes(1), 100);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            admitted += limiter.decide(List.of(policy), List.of("k"), 1).get(0).admitted() ? 1 : 0;
        }
        assertEquals(25, admitted);
    }

    @Test
    void aRejectionByOnePolicyCountsInNone() {
        LocalRateLimiter limiter = new LocalRateLimiter(1, micros::get);
        EffectivePolicy roomy = policy(100, Duration.ofMinutes(1), 100);
        EffectivePolicy tight = policy(1, Duration.ofMinutes(1), 1);
        assertTrue(limiter.decide(List.of(roomy, tight), List.of("a", "b"), 1).stream().allMatch(Decision::admitted));
        List<Decision> second = limiter.decide(List.of(roomy, tight), List.of("a", "b"), 1);
        assertFalse(second.get(1).admitted());
        assertEquals(98, second.get(0).remaining(), "the roomy policy was not charged for the rejected request");
    }
}
