package dev.stockroom.ratelimit;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.observability.Traced;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContext;
import io.opentelemetry.api.trace.Span;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Decides whether the current request may run a {@link RateLimited} method: the method's policies, scaled
 * for the caller, keyed by tenant, key or address, decided in one call to the {@link RateLimiter}. Admitted,
 * its headers are kept for the response; otherwise it throws {@link RateLimitExceeded} or
 * {@link RateLimiterUnavailable}.
 */
@ApplicationScoped
public class RequestAdmission {

    private final RateLimitConfig config;
    private final PolicyResolver policies;
    private final RateLimiter limiter;
    private final TenantContext tenant;
    private final RateLimitOutcome outcome;
    private final CurrentVertxRequest request;
    private final Traced traced;

    RequestAdmission(RateLimitConfig config, PolicyResolver policies, RateLimiter limiter, TenantContext tenant,
            RateLimitOutcome outcome, CurrentVertxRequest request, Traced traced) {
        this.config = config;
        this.policies = policies;
        this.limiter = limiter;
        this.tenant = tenant;
        this.outcome = outcome;
        this.request = request;
        this.traced = traced;
    }

    void admit(Method method, RateLimited binding) throws Exception {
        if (!config.enabled()) {
            return;
        }
        TenantCaller caller = tenant.caller().orElse(null);
        PolicyResolver.MethodPolicies declared = policies.of(method, binding);
        List<EffectivePolicy> effective = policies.scaled(declared, caller);
        String ip = ClientAddress.of(request.getCurrent());
        List<String> keys = effective.stream().map(p -> RateLimitKeys.key(p, caller, ip)).toList();
        List<Decision> decisions = traced.call("ratelimit", "stockroom.ratelimit.policies", declared.names(), () -> {
            List<Decision> taken = limiter.decide(effective, keys, 1);
            Span.current().setAttribute("stockroom.ratelimit.outcome", summary(taken));
            return taken;
        });
        if (decisions.stream().anyMatch(Decision::unavailable)) {
            throw new RateLimiterUnavailable();
        }
        Map<String, String> headers = RateLimitHeaders.of(decisions);
        outcome.set(headers);
        List<Decision> rejected = decisions.stream().filter(d -> !d.admitted() && !d.policy().shadow()).toList();
        if (!rejected.isEmpty()) {
            throw new RateLimitExceeded(rejected, headers);
        }
    }

    private static String summary(List<Decision> decisions) {
        String admitted = decisions.stream().allMatch(Decision::admitted) ? "allowed" : "rejected";
        return decisions.stream().anyMatch(Decision::degraded) ? "degraded-" + admitted : admitted;
    }
}
