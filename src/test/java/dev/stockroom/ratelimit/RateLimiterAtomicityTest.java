package dev.stockroom.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.stockroom.ratelimit.RateLimitConfig.Algorithm;
import dev.stockroom.ratelimit.RateLimitConfig.FailureMode;
import dev.stockroom.ratelimit.RateLimitConfig.KeyScope;
import dev.stockroom.redis.RedisKeys;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The atomicity is in Redis: many threads (standing in for many instances) deciding on one key never admit
 * more than the limit.
 */
@QuarkusTest
class RateLimiterAtomicityTest {

    @Inject
    RateLimiter limiter;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void manyThreadsOnOneKeyAdmitExactlyTheLimit(Algorithm algorithm) throws Exception {
        EffectivePolicy policy = new EffectivePolicy("atomic", algorithm, 100, Duration.ofMinutes(10), 100,
                KeyScope.TENANT, FailureMode.CLOSED, false);
        String key = RedisKeys.tenantTag(UUID.randomUUID()) + ":rl:atomic:" + policy.algorithmName();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(() -> limiter.decide(List.of(policy), List.of(key), 1).await().indefinitely().get(0).admitted());
        }
        long admitted = 0;
        for (Future<Boolean> result : threads.invokeAll(calls)) {
            admitted += result.get() ? 1 : 0;
        }
        threads.shutdown();
        assertEquals(100, admitted);
    }
}
