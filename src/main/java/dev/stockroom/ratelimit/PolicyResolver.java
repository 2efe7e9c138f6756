package dev.stockroom.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.ratelimit.RateLimitConfig.Algorithm;
import dev.stockroom.ratelimit.RateLimitConfig.FailureMode;
import dev.stockroom.ratelimit.RateLimitConfig.KeyScope;
import dev.stockroom.ratelimit.RateLimitConfig.Multiplier;
import dev.stockroom.ratelimit.RateLimitConfig.Policy;
import dev.stockroom.tenancy.TenantCaller;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Turns an annotation (or its absence) and a caller into the policies to check: named policies from
 * configuration, or the inline limit, or the default policy; scaled by the plan's and the role's multiplier,
 * read on every request so that a plan change takes effect on the next one.
 */
@ApplicationScoped
public class PolicyResolver {

    private final RateLimitConfig config;

    PolicyResolver(RateLimitConfig config) {
        this.config = config;
    }

    /** {@code inlineName} names an inline policy (the annotated method) in headers and metrics. */
    public List<EffectivePolicy> resolve(RateLimited annotation, String inlineName, TenantCaller caller) {
        List<EffectivePolicy> policies = new ArrayList<>();
        if (annotation != null && annotation.policy().length > 0) {
            for (String name : annotation.policy()) {
                policies.add(scaled(name, named(name), caller));
            }
        } else if (annotation != null && annotation.limit() > 0) {
            Policy inline = new InlinePolicy(annotation.limit(), DurationConverter.parseDuration(annotation.window()));
            policies.add(scaled(inlineName, inline, caller));
        } else {
            policies.add(scaled(config.defaultPolicy(), named(config.defaultPolicy()), caller));
        }
        return policies;
    }

    /** A named policy for callers without a tenant (per-IP policies such as failed authentications). */
    public EffectivePolicy unscaled(String name) {
        return scaled(name, named(name), null);
    }

    private Policy named(String name) {
        Policy policy = config.policies().get(name);
        if (policy == null) {
            throw new IllegalStateException("No rate limit policy '" + name
                    + "' is configured (stockroom.rate-limit.policies.\"" + name + "\".limit)");
        }
        return policy;
    }

    private EffectivePolicy scaled(String name, Policy policy, TenantCaller caller) {
        double factor = 1.0;
        if (caller != null) {
            factor *= multiplier(config.plans().get(caller.plan().name()));
            if (caller.role() != null) {
                factor *= multiplier(config.roles().get(caller.role()));
            }
        }
        int limit = scale(policy.limit(), factor);
        int burst = scale(policy.burst().orElse(policy.limit()), factor);
        return new EffectivePolicy(name, policy.algorithm(), limit, policy.window(), burst, policy.key(),
                policy.onRedisFailure(), policy.shadow());
    }

    private static double multiplier(Multiplier multiplier) {
        return multiplier == null ? 1.0 : multiplier.multiplier();
    }

    private static int scale(int value, double factor) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(value * factor)));
    }

    private record InlinePolicy(int limit, Duration window) implements Policy {
        @Override
        public java.util.OptionalInt burst() {
            return java.util.OptionalInt.empty();
        }

        @Override
        public Algorithm algorithm() {
            return Algorithm.GCRA;
        }

        @Override
        public KeyScope key() {
            return KeyScope.API_KEY;
        }

        @Override
        public FailureMode onRedisFailure() {
            return FailureMode.LOCAL;
        }

        @Override
        public boolean shadow() {
            return false;
        }
    }
}
