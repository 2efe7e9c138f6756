package dev.stockroom.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;

/**
 * The rejections Redis decided, remembered by this instance until a request would be admitted again, so
 * that a key over its limit is refused here without a Redis call: a client flooding past its quota costs
 * one script per retry period instead of one per request, and leaves Redis and this instance to the
 * others. Exact: a refused request is not counted, and other instances' requests can only delay the retry
 * time, so until then Redis would refuse every request of that key under that policy too. The retry time is
 * counted from when the call was sent, the earliest Redis can have decided it, so that a slow answer never
 * keeps a key refused here after Redis would admit it. Shadow policies, which never refuse, and decisions
 * taken without Redis are not remembered.
 */
@ApplicationScoped
class Refusals {

    private record Refusal(Decision decision, long decidedAtNanos) {
    }

    /** Policy key → its last rejection; an entry outlives its retry time by at most the longest window. */
    private final Cache<String, Refusal> byKey;

    Refusals(RateLimitConfig config) {
        Duration longest = config.policies().values().stream().map(RateLimitConfig.Policy::window)
                .max(Duration::compareTo).orElse(Duration.ofMinutes(1));
        this.byKey = LocalCaches.expiringAfterWrite(100_000, longest);
    }

    /**
     * Remembers the rejections among {@code decisions}, the decisions of {@code keys} in order, from a call
     * sent at {@code sentAtNanos} ({@link System#nanoTime}).
     */
    void remember(List<String> keys, List<Decision> decisions, long sentAtNanos) {
        for (int i = 0; i < decisions.size(); i++) {
            Decision decision = decisions.get(i);
            if (!decision.admitted() && !decision.degraded() && !decision.policy().shadow()
                    && decision.retryMicros() > 0) {
                byKey.put(keys.get(i), new Refusal(decision, sentAtNanos));
            }
        }
    }

    /** The rejections still in force among {@code keys}, their times counted from now; empty when none. */
    List<Decision> inForce(List<String> keys) {
        List<Decision> refused = List.of();
        for (String key : keys) {
            Refusal refusal = byKey.getIfPresent(key);
            if (refusal == null) {
                continue;
            }
            long elapsed = (System.nanoTime() - refusal.decidedAtNanos()) / 1_000;
            Decision was = refusal.decision();
            if (elapsed >= was.retryMicros()) {
                byKey.asMap().remove(key, refusal);
                continue;
            }
            if (refused.isEmpty()) {
                refused = new ArrayList<>(keys.size());
            }
            long retry = was.retryMicros() - elapsed;
            refused.add(new Decision(was.policy(), false, 0, Math.max(retry, was.resetMicros() - elapsed), retry, retry,
                    false));
        }
        return refused;
    }

    /** Whether no rejection is remembered (a cheap estimate: one whose time has passed may still count). */
    boolean none() {
        return byKey.estimatedSize() == 0;
    }

    /** For tests that reset the limiter's state in Redis. */
    void forget() {
        byKey.invalidateAll();
    }
}
