package dev.stockroom.ratelimit;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

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
 * configuration, or the inline limit, or the default policy. Which policies a method has is resolved once
 * per method; their scaling by the plan's and the role's multiplier is applied per caller, whose plan change
 * makes a new caller, so that it takes effect on the next request.
 */
@ApplicationScoped
public class PolicyResolver {

    private final RateLimitConfig config;
    private final Map<Method, MethodPolicies> byMethod = new ConcurrentHashMap<>();
    private final Policy tenantPolicy;

    PolicyResolver(RateLimitConfig config) {
        this.config = config;
        this.tenantPolicy = named(config.tenantPolicy());
        if (tenantPolicy.key() != KeyScope.TENANT) {
            throw new IllegalStateException("The tenant-wide rate limit policy '" + config.tenantPolicy()
                    + "' must count per tenant (stockroom.rate-limit.policies.\"" + config.tenantPolicy() + "\".key=tenant)");
        }
    }

    /** The policies a method declares, unscaled, with their names joined for spans. */
    record MethodPolicies(List<NamedPolicy> policies, String names) {
    }

    record NamedPolicy(String name, Policy policy) {
    }

    /** The policies of {@code method}, whose binding (its own or its class's) is {@code annotation}. */
    MethodPolicies of(Method method, RateLimited annotation) {
        return byMethod.computeIfAbsent(method, m -> declared(m, annotation));
    }

    private MethodPolicies declared(Method method, RateLimited annotation) {
        List<NamedPolicy> policies = new ArrayList<>();
        if (annotation != null && annotation.policy().length > 0) {
            for (String name : annotation.policy()) {
                policies.add(new NamedPolicy(name, named(name)));
            }
        } else if (annotation != null && annotation.limit() > 0) {
            // An inline policy is named after the method in headers and metrics.
            String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
            policies.add(new NamedPolicy(name,
                    new InlinePolicy(annotation.limit(), DurationConverter.parseDuration(annotation.window()))));
        } else {
            policies.add(new NamedPolicy(config.defaultPolicy(), named(config.defaultPolicy())));
        }
        return new MethodPolicies(List.copyOf(policies),
                String.join(",", policies.stream().map(NamedPolicy::name).toList()));
    }

    /**
     * The policies as they apply to {@code caller} (none: unscaled). A tenant's requests are also counted
     * against the tenant-wide policy.
     */
    List<EffectivePolicy> scaled(MethodPolicies declared, TenantCaller caller) {
        List<EffectivePolicy> effective = new ArrayList<>(declared.policies().size() + 1);
        for (NamedPolicy policy : declared.policies()) {
            effective.add(scaled(policy.name(), policy.policy(), caller));
        }
        if (caller != null) {
            effective.add(scaled(config.tenantPolicy(), tenantPolicy, caller));
        }
        return List.copyOf(effective); // kept per caller (RequestAdmission) and shared by its requests
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
            // A role scales what one key may do; a tenant-wide budget is shared by keys of every role.
            if (caller.role() != null && policy.key() != KeyScope.TENANT) {
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
        public OptionalInt burst() {
            return OptionalInt.empty();
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
