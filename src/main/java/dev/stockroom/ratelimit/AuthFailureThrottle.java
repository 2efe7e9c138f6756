package dev.stockroom.ratelimit;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.http.ProblemException;
import dev.stockroom.localcache.LocalCaches;
import io.smallrye.mutiny.Uni;

/**
 * Counts failed authentications per client address (an IPv6 address per /64) against the rate-limit policy
 * {@code auth-failures} ({@code stockroom.rate-limit.policies.auth-failures.*}), so that guessing is
 * throttled. Once an address has used up its failures it gets 429, and until its budget refills no
 * credential from it is evaluated at all: no key lookup, no operator-token comparison. The decision to
 * count is Redis'; each instance remembers which addresses Redis refused, and until when, and answers them
 * itself until then, so that a refused request costs neither a Redis call nor a database query. An instance
 * that has not refused an address yet evaluates at most one more of its credentials, whose failure Redis
 * then refuses.
 */
@ApplicationScoped
public class AuthFailureThrottle {

    static final String POLICY = "auth-failures";

    private final RateLimitConfig config;
    private final PolicyResolver policies;
    private final RateLimiter limiter;
    /** Budget (address or /64) → nanoTime until which it is refused. */
    private final Cache<String, Long> refusedUntil;

    AuthFailureThrottle(RateLimitConfig config, PolicyResolver policies, RateLimiter limiter) {
        this.config = config;
        this.policies = policies;
        this.limiter = limiter;
        RateLimitConfig.Policy policy = config.policies().get(POLICY);
        this.refusedUntil = LocalCaches.expiringAfterWrite(100_000,
                policy == null ? Duration.ofMinutes(1) : policy.window());
    }

    /** Whether credentials from this address must not be evaluated: it has used up its failures. */
    public boolean refuses(String ip) {
        return refusedFor(ip) > 0;
    }

    /** Microseconds until the address may try again; 0 or less when it may now. */
    private long refusedFor(String ip) {
        Long until = refusedUntil.getIfPresent(ClientAddress.budgetOf(String.valueOf(ip)));
        return until == null ? 0 : (until - System.nanoTime()) / 1_000;
    }

    /** For tests that reset the limiter's state in Redis: this instance forgets whom it refused. */
    void forgetRefusals() {
        refusedUntil.invalidateAll();
    }

    /**
     * Counts one failure. The item is the 429 to answer instead of 401 when the address is over its limit,
     * or null. Does not block: authentication failures may be handled on the event loop.
     */
    public Uni<ProblemException> recordFailure(String ip) {
        if (!config.enabled() || !config.policies().containsKey(POLICY)) {
            return Uni.createFrom().nullItem();
        }
        EffectivePolicy policy = policies.unscaled(POLICY);
        long refused = refusedFor(ip);
        if (refused > 0) {
            List<Decision> stillRefused = List.of(new Decision(policy, false, 0, refused, refused, refused, false));
            return Uni.createFrom().item(new RateLimitExceeded(stillRefused, RateLimitHeaders.of(stillRefused)));
        }
        return limiter.decide(List.of(policy), List.of(RateLimitKeys.key(policy, null, ip)), 1).map(decisions -> {
            Decision decision = decisions.get(0);
            if (decision.admitted() || decision.unavailable() || policy.shadow()) {
                return null;
            }
            refusedUntil.put(ClientAddress.budgetOf(String.valueOf(ip)),
                    System.nanoTime() + Math.max(1, decision.retryMicros()) * 1_000);
            return new RateLimitExceeded(decisions, RateLimitHeaders.of(decisions));
        });
    }
}
