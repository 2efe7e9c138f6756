package dev.stockroom.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;
import dev.stockroom.ratelimit.RateLimitConfig.Algorithm;
import dev.stockroom.ratelimit.RedisRateLimiter.GiveBack;
import dev.stockroom.ratelimit.RedisRateLimiter.Granted;
import dev.stockroom.redis.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Units of a busy key set (the policy keys of one request) taken from Redis ahead of use, so that its
 * requests are admitted here without a script call each.
 * <p>
 * A request that finds no live lease asks Redis for one: the units this key set used in about one lease
 * duration (at most {@code max-units}, and Redis grants at most a quarter of what the tightest policy has
 * left), counted at once in every policy by the same atomic script; the next requests take them here until
 * they run out or the lease is over. Admission stays within the limit across instances: every admitted
 * request was counted in Redis first. The next lease gives back the units left, as far as their time has
 * not passed (a unit whose time has passed came back by itself). Units are lost only towards admitting
 * less: when a key set goes quiet holding a lease, or its next lease's call fails or is refused.
 * A leased request's {@code RateLimit} is the GCRA state as if each unit had been counted at its own
 * request, from the state Redis gave with the lease (docs/rate-limiting.md says where that differs).
 * <p>
 * A key set is leased only while it is busy (more than one request per lease duration), and only for GCRA
 * policies that share one hash tag, none of them in shadow mode. Only one request per key set asks Redis
 * for a lease at a time. The others that find no unit meanwhile wait for its answer and then look again: a
 * burst of a key set makes one script call, not one per request, whether the lease admits them or Redis
 * refuses the keys ({@link Refusals}).
 */
@ApplicationScoped
class RateLimitLeases {

    /** What one instance knows of a key set: its lease, if any, and how busy it is. */
    private static final class KeySet {
        final List<EffectivePolicy> policies;
        /**
         * Completes when the request asking Redis for this key set's next lease has its answer: true when Redis
         * gave one. Null when no request is asking.
         */
        final AtomicReference<CompletableFuture<Boolean>> renewing = new AtomicReference<>();
        final AtomicInteger demand = new AtomicInteger();
        volatile long demandSince;
        volatile Lease lease;

        KeySet(List<EffectivePolicy> policies, long now) {
            this.policies = policies;
            this.demandSince = now;
        }

        void renewed(boolean byRedis) {
            CompletableFuture<Boolean> answered = renewing.getAndSet(null);
            if (answered != null) {
                answered.complete(byRedis);
            }
        }
    }

    /** The request that asks Redis for {@code wanted} units, giving back what the last lease did not use. */
    private record Renewal(KeySet keySet, int wanted, GiveBack giveBack) {
    }

    private final RateLimiter limiter;
    private final Refusals refusals;
    private final int maxUnits;
    private final long durationMicros;
    private final LongSupplier clock;
    private final Cache<List<String>, KeySet> keySets = LocalCaches.expiringAfterAccess(100_000, Duration.ofMinutes(5));

    @Inject
    RateLimitLeases(RateLimiter limiter, Refusals refusals, RateLimitConfig config) {
        this(limiter, refusals, config.leases().maxUnits(), config.leases().duration(), () -> System.nanoTime() / 1_000);
    }

    RateLimitLeases(RateLimiter limiter, Refusals refusals, int maxUnits, Duration duration, LongSupplier microsClock) {
        this.limiter = limiter;
        this.refusals = refusals;
        this.maxUnits = maxUnits;
        this.durationMicros = duration.toNanos() / 1_000;
        this.clock = microsClock;
    }

    /** The decisions of one request from this key set's live lease, or null when it has no unit left. */
    List<Decision> take(List<EffectivePolicy> policies, List<String> keys) {
        KeySet keySet = keySets.getIfPresent(keys);
        if (keySet == null || !keySet.policies.equals(policies)) {
            return null;
        }
        keySet.demand.incrementAndGet();
        Lease lease = keySet.lease;
        return lease == null ? null : lease.take(clock.getAsLong(), durationMicros);
    }

    /**
     * Decides one request in Redis, with a lease for the next ones when the key set is busy. When another
     * request of the key set is asking for a lease already, and {@code mayWait}, waits for its answer instead:
     * the item is then null, and the request looks again for a unit or a refusal; or, when the failure modes
     * gave that answer, it is the request's own decisions. Rejections are remembered ({@link Refusals}) before
     * the requests waiting look again. Does not block; a wait ends on the caller's Vert.x context.
     */
    Uni<List<Decision>> decide(List<EffectivePolicy> policies, List<String> keys, boolean mayWait) {
        // Deferred: the key set is marked as renewing only once the call is subscribed, and released however it ends.
        return Uni.createFrom().deferred(() -> {
            if (!leasable(policies, keys)) {
                return alone(policies, keys);
            }
            KeySet keySet = keySet(policies, keys);
            CompletableFuture<Boolean> asking = keySet.renewing.compareAndExchange(null, new CompletableFuture<>());
            if (asking != null) {
                return mayWait ? answerOf(asking).chain(byRedis -> byRedis ? Uni.createFrom().nullItem() : alone(policies, keys))
                        : alone(policies, keys);
            }
            long sentAt = System.nanoTime();
            try {
                Renewal renewal = renewal(keySet);
                return limiter.lease(policies, keys, renewal.wanted(), renewal.giveBack())
                        .map(granted -> granted(renewal, granted))
                        .invoke(decisions -> refusals.remember(keys, decisions, sentAt))
                        .onTermination().invoke((decisions, failure, cancelled) -> keySet
                                .renewed(decisions != null && decisions.stream().noneMatch(Decision::degraded)));
            } catch (RuntimeException e) {
                keySet.renewed(false);
                throw e;
            }
        });
    }

    private Uni<List<Decision>> alone(List<EffectivePolicy> policies, List<String> keys) {
        long sentAt = System.nanoTime();
        return limiter.decide(policies, keys, 1).invoke(decisions -> refusals.remember(keys, decisions, sentAt));
    }

    /** Whether Redis gave the answer another request is waiting for, on this caller's Vert.x context if it has one. */
    private static Uni<Boolean> answerOf(CompletableFuture<Boolean> asking) {
        Uni<Boolean> answered = Uni.createFrom().completionStage(asking);
        Context context = Vertx.currentContext();
        return context == null ? answered : answered.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /** The units this instance's leases hold unused, counted in Redis: for tests. */
    int unitsHeld() {
        return keySets.asMap().values().stream().map(keySet -> keySet.lease).filter(lease -> lease != null)
                .mapToInt(Lease::unused).sum();
    }

    /** Drops every lease and what is known of every key set: for tests that reset the limiter's state in Redis. */
    void forget() {
        keySets.invalidateAll();
    }

    private boolean leasable(List<EffectivePolicy> policies, List<String> keys) {
        if (maxUnits < 2 || durationMicros < 1_000) {
            return false;
        }
        String tag = RedisKeys.hashTag(keys.get(0));
        for (int i = 0; i < policies.size(); i++) {
            EffectivePolicy policy = policies.get(i);
            if (policy.algorithm() != Algorithm.GCRA || policy.shadow() || !RedisKeys.hashTag(keys.get(i)).equals(tag)) {
                return false;
            }
        }
        return true;
    }

    private KeySet keySet(List<EffectivePolicy> policies, List<String> keys) {
        // A changed plan or role starts a new key set: the old lease's units stay spent, the new limits apply now.
        return keySets.asMap().compute(keys, (k, known) -> known != null && known.policies.equals(policies) ? known
                : new KeySet(policies, clock.getAsLong()));
    }

    /** Ends the key set's lease: what the request now asking for the next one wants, and gives back. */
    private Renewal renewal(KeySet keySet) {
        Lease last = keySet.lease;
        keySet.lease = null;
        return new Renewal(keySet, wanted(keySet, clock.getAsLong()), last == null ? GiveBack.NONE : last.close());
    }

    /** The units this key set used in about one lease duration: how many requests one lease should serve. */
    private int wanted(KeySet keySet, long now) {
        long elapsed = now - keySet.demandSince;
        int seen = keySet.demand.get();
        if (elapsed < durationMicros) {
            return Math.max(1, Math.min(maxUnits, seen)); // at least this many within less than a lease's time
        }
        keySet.demand.set(0);
        keySet.demandSince = now;
        return (int) Math.max(1, Math.min(maxUnits, (seen * durationMicros + elapsed - 1) / elapsed));
    }

    private List<Decision> granted(Renewal renewal, Granted granted) {
        List<Decision> decisions = granted.decisions();
        boolean fromRedis = decisions.stream().allMatch(d -> d.admitted() && !d.degraded());
        if (!fromRedis || granted.units() < 2) {
            return decisions;
        }
        Lease lease = new Lease(clock.getAsLong(), granted.units(), decisions, granted.redisMicros());
        renewal.keySet().lease = lease;
        return lease.decisionsOf(1, lease.grantedAt);
    }

    /**
     * Units counted in Redis at {@code grantedAt} (local µs), the first taken by the request that asked. Each
     * policy's TAT after all units is known from the reset Redis gave; unit {@code i}'s decision is the state
     * with the units after it not yet counted.
     */
    private static final class Lease {
        final long grantedAt;
        final int units;
        final AtomicInteger taken = new AtomicInteger(1);
        final List<Decision> granted;
        /** The TAT the grant left each policy at, in Redis time, less the 1 µs its rounding may add. */
        final long[] leftAt;

        Lease(long grantedAt, int units, List<Decision> granted, long redisMicros) {
            this.grantedAt = grantedAt;
            this.units = units;
            this.granted = granted;
            this.leftAt = granted.stream().mapToLong(d -> redisMicros + d.resetMicros() - 1).toArray();
        }

        List<Decision> take(long now, long durationMicros) {
            if (now - grantedAt >= durationMicros) {
                return null;
            }
            int unit = taken.incrementAndGet();
            return unit > units ? null : decisionsOf(unit, now);
        }

        /** Ends the lease: no unit is taken from it after this. What it gives back. */
        GiveBack close() {
            int before = taken.getAndUpdate(t -> Math.max(t, units));
            int unused = units - Math.min(before, units);
            return unused == 0 ? GiveBack.NONE : new GiveBack(unused, leftAt);
        }

        int unused() {
            return units - Math.min(taken.get(), units);
        }

        /** The same arithmetic as ratelimit.lua's GCRA, for the state unit {@code unit} leaves at {@code now}. */
        List<Decision> decisionsOf(int unit, long now) {
            List<Decision> decisions = new ArrayList<>(granted.size());
            for (Decision whole : granted) {
                EffectivePolicy policy = whole.policy();
                double interval = (double) policy.windowMicros() / policy.limit();
                double tat = Math.max(grantedAt + whole.resetMicros() - (units - unit) * interval, now + interval);
                double allowAt = tat - policy.burst() * interval;
                long remaining = Math.min(policy.burst() - 1, (long) Math.floor((now - allowAt + 1) / interval));
                long next = remaining < policy.burst()
                        ? Math.max(0, (long) Math.ceil(allowAt - 1 + (remaining + 1) * interval - now))
                        : 0;
                decisions.add(new Decision(policy, true, remaining, (long) Math.ceil(tat - now), 0, next, false));
            }
            return decisions;
        }
    }
}
