package dev.stockroom.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.cache.RedisCommands;
import dev.stockroom.ratelimit.RateLimitConfig.Algorithm;
import dev.stockroom.ratelimit.RateLimitConfig.FailureMode;
import dev.stockroom.ratelimit.RateLimitConfig.KeyScope;
import dev.stockroom.redis.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Leases against real Redis: what a lease admits was counted in Redis first, its headers are those of one
 * script per request, and the units a lease did not use are given back by the next one.
 */
@QuarkusTest
class RateLimitLeasesTest {

    private static final Duration LEASE = Duration.ofMillis(100);

    @Inject
    RateLimiter limiter;

    @Inject
    RateLimitConfig config;

    @Inject
    RedisDataSource redis;

    /** Daily limits: a unit comes back every few minutes at most, so within a test nothing refills. */
    private static EffectivePolicy daily(String name, int limit) {
        return new EffectivePolicy(name, Algorithm.GCRA, limit, Duration.ofDays(1), limit, KeyScope.TENANT,
                FailureMode.CLOSED, false);
    }

    private static List<String> keysOf(List<EffectivePolicy> policies) {
        String tag = RedisKeys.tenantTag(UUID.randomUUID());
        return policies.stream().map(p -> tag + ":rl:" + p.name()).toList();
    }

    @Test
    void unitsALeaseDidNotUseAreGivenBackByTheNextAndHeadersStayExact() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        RateLimitLeases leases = new RateLimitLeases(limiter, new Refusals(config), 64, LEASE, clock::get);
        List<EffectivePolicy> policies = List.of(daily("leased", 1000));
        List<String> keys = keysOf(policies);
        AtomicInteger scripts = new AtomicInteger();
        for (int i = 0; i < 30; i++) {
            clock.addAndGet(1_000); // one request a millisecond
            Decision decision = admit(leases, policies, keys, scripts).get(0);
            assertTrue(decision.admitted());
            assertEquals(999 - i, decision.remaining(), "remaining after request " + (i + 1));
        }
        assertTrue(scripts.get() < 15, scripts + " scripts for 30 requests");
        int held = (int) (1000 - looked(policies, keys) - 30);
        assertTrue(held > 0, "units leased ahead: " + held);
        assertEquals(held, leases.unitsHeld());

        clock.addAndGet(2 * LEASE.toNanos() / 1_000); // the lease is over, its units unused
        Decision next = admit(leases, policies, keys, scripts).get(0);
        assertEquals(969, next.remaining(), "the request after the lease counts one unit, not the units it held");
        assertEquals(1000 - 31 - leases.unitsHeld(), looked(policies, keys));
    }

    @Test
    void twoInstancesLeasingOneTenantAdmitNoMoreThanItsLimitAndHoldTheRest() throws Exception {
        List<EffectivePolicy> policies = List.of(daily("key", 200), daily("tenant", 150));
        List<String> keys = keysOf(policies);
        List<RateLimitLeases> instances = List.of(new RateLimitLeases(limiter, new Refusals(config), 64, LEASE, () -> System.nanoTime() / 1_000),
                new RateLimitLeases(limiter, new Refusals(config), 64, LEASE, () -> System.nanoTime() / 1_000));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Callable<Boolean>> calls = new ArrayList<>();
        AtomicInteger scripts = new AtomicInteger();
        for (int i = 0; i < 600; i++) {
            RateLimitLeases instance = instances.get(i % 2);
            calls.add(() -> admit(instance, policies, keys, scripts).stream().allMatch(Decision::admitted));
        }
        int admitted = 0;
        for (Future<Boolean> result : threads.invokeAll(calls)) {
            admitted += result.get() ? 1 : 0;
        }
        threads.shutdown();
        long counted = 150 - looked(policies, keys);
        assertTrue(admitted <= 150, admitted + " admitted");
        assertTrue(600 - scripts.get() > 0, "some requests were admitted from leases");
        assertEquals(counted, admitted + instances.get(0).unitsHeld() + instances.get(1).unitsHeld(),
                "every unit counted in Redis was admitted or is still held");
    }

    @Test
    void unitsGivenBackAfterTheirTimeHasPassedFreeNothingThatOthersUsed() throws Exception {
        // A tenant's 100 per 10 s (a unit every 100 ms), shared by a key that goes quiet holding a lease and a
        // busy key that then uses the whole tenant.
        EffectivePolicy tenant = new EffectivePolicy("tenant", Algorithm.GCRA, 100, Duration.ofSeconds(10), 100,
                KeyScope.TENANT, FailureMode.CLOSED, false);
        List<EffectivePolicy> policies = List.of(daily("key", 1_000_000), tenant);
        String tag = RedisKeys.tenantTag(UUID.randomUUID());
        List<String> quietKeys = List.of(tag + ":rl:key:quiet", tag + ":rl:tenant");
        List<String> busyKeys = List.of(tag + ":rl:key:busy", tag + ":rl:tenant");
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        RateLimitLeases quiet = new RateLimitLeases(limiter, new Refusals(config), 64, LEASE, clock::get);
        for (int i = 0; i < 20; i++) {
            clock.addAndGet(1_000);
            assertTrue(admit(quiet, policies, quietKeys, new AtomicInteger()).get(1).admitted());
        }
        assertTrue(quiet.unitsHeld() > 0, "units held: " + quiet.unitsHeld());
        // Every unit the quiet key took, held ones included, comes back with time: 32 units, 3.2 s.
        Thread.sleep(3_500);
        while (limiter.decide(policies, busyKeys, 1).await().indefinitely().get(1).admitted()) {
            // the busy key takes the whole tenant
        }
        clock.addAndGet(2 * LEASE.toNanos() / 1_000);
        admit(quiet, policies, quietKeys, new AtomicInteger());
        long left = looked(policies, quietKeys);
        assertTrue(left <= 2, left + " units of the tenant freed by a give-back of units whose time had passed");
    }

    @Test
    void aPolicyOfMoreThanAMillionASecondHasNoMoreLeftThanItsBurst() {
        // An interval of 0.03 µs: the 1 µs a stored time may round by is worth 33 units.
        EffectivePolicy huge = new EffectivePolicy("huge", Algorithm.GCRA, 2_000_000_000, Duration.ofMinutes(1),
                2_000_000_000, KeyScope.TENANT, FailureMode.CLOSED, false);
        List<EffectivePolicy> policies = List.of(huge);
        List<String> keys = keysOf(policies);
        RateLimitLeases leases = new RateLimitLeases(limiter, new Refusals(config), 64, LEASE, () -> System.nanoTime() / 1_000);
        for (int i = 0; i < 50; i++) {
            Decision decision = admit(leases, policies, keys, new AtomicInteger()).get(0);
            assertTrue(decision.admitted());
            assertTrue(decision.remaining() <= 1_999_999_999, "remaining " + decision.remaining());
        }
    }

    @Test
    void aRefusalCountsItsRetryTimeFromWhenItsCallWasSent() {
        // One unit every 550 ms, no burst: after one request the next is admitted 550 ms later.
        EffectivePolicy slow = new EffectivePolicy("slow", Algorithm.GCRA, 20, Duration.ofSeconds(11), 1, KeyScope.TENANT,
                FailureMode.CLOSED, false);
        List<EffectivePolicy> policies = List.of(slow);
        List<String> keys = keysOf(policies);
        Refusals refusals = new Refusals(config);
        RateLimitLeases leases = new RateLimitLeases(limiter, refusals, 64, LEASE, () -> System.nanoTime() / 1_000);
        RedisCommands.onEveryNode(redis, "PING"); // the path to every node ready, so that no time passes on it below
        assertTrue(leases.decide(policies, keys, false).await().indefinitely().get(0).admitted());
        // Redis holds the next call for 350 ms (within the limiter's 500 ms timeout), then refuses it with under
        // 200 ms to wait: counted from when the call was sent, that time is over when the answer comes. The 200 ms
        // are what this thread may take between the two calls (pausing every node of a cluster, say).
        RedisCommands.onEveryNode(redis, "CLIENT", "PAUSE", "350", "WRITE");
        Decision refused = leases.decide(policies, keys, false).await().indefinitely().get(0);
        assertTrue(!refused.admitted() && !refused.degraded(), "admitted, or decided without Redis: " + refused);
        assertEquals(List.of(), refusals.inForce(keys), "still refused here when Redis would admit");
    }

    private List<Decision> admit(RateLimitLeases leases, List<EffectivePolicy> policies, List<String> keys,
            AtomicInteger scripts) {
        List<Decision> leased = leases.take(policies, keys);
        if (leased != null) {
            return leased;
        }
        scripts.incrementAndGet();
        return leases.decide(policies, keys, false).await().indefinitely();
    }

    /** The tightest policy's remaining units in Redis, counting nothing. */
    private long looked(List<EffectivePolicy> policies, List<String> keys) {
        return limiter.decide(policies, keys, 0).await().indefinitely().stream().mapToLong(Decision::remaining).min()
                .orElseThrow();
    }
}
