package dev.stockroom.ratelimit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.http.ProblemException;
import dev.stockroom.redis.RedisCalls;
import io.smallrye.mutiny.Uni;

/**
 * Counts failed authentications per client address against the rate-limit policy {@code auth-failures}
 * (configured as {@code stockroom.rate-limit.policies.auth-failures.*}), so that key guessing is throttled:
 * once an address has used up its failures, it gets 429 instead of 401, and key lookups in the database are
 * refused for it before they happen.
 */
@ApplicationScoped
public class AuthFailureThrottle {

    static final String POLICY = "auth-failures";

    private final RateLimitConfig config;
    private final PolicyResolver policies;
    private final RateLimiter limiter;
    private final RedisCalls redisCalls;

    AuthFailureThrottle(RateLimitConfig config, PolicyResolver policies, RateLimiter limiter, RedisCalls redisCalls) {
        this.config = config;
        this.policies = policies;
        this.limiter = limiter;
        this.redisCalls = redisCalls;
    }

    /**
     * Counts one failure. The item is the 429 to answer instead of 401 when the address is over its limit,
     * or null. Does not block: authentication failures may be handled on the event loop.
     */
    public Uni<ProblemException> recordFailure(String ip) {
        return redisCalls.offload(() -> decide(ip, 1));
    }

    /** Whether the address may still try (nothing is counted). Blocking. */
    public boolean mayTry(String ip) {
        return decide(ip, 0) == null;
    }

    private ProblemException decide(String ip, int cost) {
        if (!config.enabled() || !config.policies().containsKey(POLICY)) {
            return null;
        }
        EffectivePolicy policy = policies.unscaled(POLICY);
        List<Decision> decisions = limiter.decide(List.of(policy), List.of(RateLimitKeys.key(policy, null, ip)), cost);
        Decision decision = decisions.get(0);
        return decision.admitted() || decision.unavailable() || policy.shadow() ? null
                : new RateLimitExceeded(decisions, RateLimitHeaders.of(decisions));
    }
}
