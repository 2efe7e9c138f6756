package dev.stockroom.ratelimit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.http.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Counts failed authentications per client address (an IPv6 address per /64) against the rate-limit policy
 * {@code auth-failures} ({@code stockroom.rate-limit.policies.auth-failures.*}), so that guessing is
 * throttled. Once an address has used up its failures it gets 429, and until its budget refills no
 * credential from it is evaluated at all: no key lookup, no operator-token comparison. The decision to
 * count is Redis'; each instance remembers which addresses Redis refused, and until when ({@link Refusals}, as
 * for every policy), and answers them itself until then, so that a refused request costs neither a Redis call nor a database query. An instance
 * that has not refused an address yet evaluates at most one more of its credentials, whose failure Redis
 * then refuses.
 */
@ApplicationScoped
public class AuthFailureThrottle {

    static final String POLICY = "auth-failures";

    private final RateLimiter limiter;
    private final Refusals refusals;
    /** Null when failures are not counted: rate limiting off, or no such policy. */
    private final EffectivePolicy policy;

    AuthFailureThrottle(RateLimitConfig config, PolicyResolver policies, RateLimiter limiter, Refusals refusals) {
        this.limiter = limiter;
        this.refusals = refusals;
        this.policy = config.enabled() && config.policies().containsKey(POLICY) ? policies.unscaled(POLICY) : null;
    }

    /** Whether credentials from this address must not be evaluated: it has used up its failures. */
    public boolean refuses(String ip) {
        return policy != null && !refusals.inForce(keyOf(ip)).isEmpty();
    }

    /** For tests that reset the limiter's state in Redis: this instance forgets whom it refused. */
    void forgetRefusals() {
        refusals.forget();
    }

    /**
     * Counts one failure. The item is the 429 to answer instead of 401 when the address is over its limit,
     * or null. Does not block: authentication failures may be handled on the event loop.
     */
    public Uni<ProblemException> recordFailure(String ip) {
        if (policy == null) {
            return Uni.createFrom().nullItem();
        }
        List<String> keys = keyOf(ip);
        List<Decision> stillRefused = refusals.inForce(keys);
        if (!stillRefused.isEmpty()) {
            return Uni.createFrom().item(new RateLimitExceeded(stillRefused, RateLimitHeaders.of(stillRefused)));
        }
        long sentAt = System.nanoTime();
        return limiter.decide(List.of(policy), keys, 1).map(decisions -> {
            Decision decision = decisions.get(0);
            if (decision.admitted() || decision.unavailable() || policy.shadow()) {
                return null;
            }
            refusals.remember(keys, decisions, sentAt);
            return new RateLimitExceeded(decisions, RateLimitHeaders.of(decisions));
        });
    }

    private List<String> keyOf(String ip) {
        return List.of(RateLimitKeys.key(policy, null, String.valueOf(ip)));
    }
}
