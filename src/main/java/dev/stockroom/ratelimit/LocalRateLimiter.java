package dev.stockroom.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;

/**
 * The in-process stand-in for Redis while it is away ({@code on-redis-failure=local}): GCRA per key with this
 * instance's share of each limit ({@code limit / expected-instances}). Sliding-log policies are approximated
 * by GCRA with no burst beyond their limit. Idle keys are forgotten after an hour.
 */
@ApplicationScoped
public class LocalRateLimiter {

    private final Cache<String, long[]> arrivals = LocalCaches.expiringAfterAccess(100_000,
            Duration.ofHours(1));
    private final int instances;
    private final LongSupplier clock;

    @Inject
    LocalRateLimiter(RateLimitConfig config) {
        this(config.expectedInstances(), () -> System.nanoTime() / 1_000);
    }

    LocalRateLimiter(int instances, LongSupplier microsClock) {
        this.instances = Math.max(1, instances);
        this.clock = microsClock;
    }

    /** Same contract as the Lua script: all policies admit, or none is counted. */
    public synchronized List<Decision> decide(List<EffectivePolicy> policies, List<String> keys, int cost) {
        long now = clock.getAsLong();
        List<Decision> decisions = new ArrayList<>(policies.size());
        long[] newTats = new long[policies.size()];
        boolean admitted = true;
        for (int i = 0; i < policies.size(); i++) {
            EffectivePolicy policy = policies.get(i);
            int limit = Math.max(1, policy.limit() / instances);
            int burst = Math.max(1, policy.burst() / instances);
            double interval = (double) policy.windowMicros() / limit;
            long[] state = arrivals.get(keys.get(i), k -> new long[] { now });
            long tat = Math.max(state[0], now);
            long newTat = tat + Math.round(cost * interval);
            long allowAt = newTat - Math.round(burst * interval);
            newTats[i] = newTat;
            if (now >= allowAt) {
                long remaining = (long) ((now - allowAt + 1) / interval); // 1 µs allowed, as in ratelimit.lua
                long next = remaining < burst ? Math.max(0, (long) Math.ceil(allowAt - 1 + (remaining + 1) * interval - now)) : 0;
                decisions.add(new Decision(policy, true, remaining, newTat - now, 0, next, true));
            } else {
                admitted = false;
                decisions.add(new Decision(policy, false, 0, tat - now, allowAt - now, allowAt - now, true));
            }
        }
        if (admitted && cost > 0) {
            for (int i = 0; i < policies.size(); i++) {
                // Put, not written into the array read above: the bounded map may have evicted it since.
                arrivals.put(keys.get(i), new long[] { newTats[i] });
            }
        }
        return decisions;
    }
}
