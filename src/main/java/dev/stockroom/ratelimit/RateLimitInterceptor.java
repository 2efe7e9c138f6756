package dev.stockroom.ratelimit;

import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.stockroom.http.Problem;
import dev.stockroom.http.ProblemException;
import dev.stockroom.observability.Traced;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContext;
import io.opentelemetry.api.trace.Span;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * Applies {@link RateLimited}: asks the {@link RateLimiter} for a decision before the method runs, and either
 * lets it run (the headers go on its response) or answers 429 {@code quota-exceeded}. Runs before
 * transactions start, so a rejected request costs no database work.
 */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RateLimitInterceptor {

    private final RateLimitConfig config;
    private final PolicyResolver policies;
    private final RateLimiter limiter;
    private final TenantContext tenant;
    private final RateLimitOutcome outcome;
    private final CurrentVertxRequest request;
    private final Traced traced;

    RateLimitInterceptor(RateLimitConfig config, PolicyResolver policies, RateLimiter limiter, TenantContext tenant,
            RateLimitOutcome outcome, CurrentVertxRequest request, Traced traced) {
        this.config = config;
        this.policies = policies;
        this.limiter = limiter;
        this.tenant = tenant;
        this.outcome = outcome;
        this.request = request;
        this.traced = traced;
    }

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        if (!config.enabled()) {
            return invocation.proceed();
        }
        TenantCaller caller = tenant.caller().orElse(null);
        String inlineName = invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName();
        List<EffectivePolicy> effective = policies.resolve(invocation.getInterceptorBinding(RateLimited.class),
                inlineName, caller);
        String ip = ClientAddress.of(request.getCurrent());
        List<String> keys = effective.stream().map(p -> RateLimitKeys.key(p, caller, ip)).toList();
        String names = String.join(",", effective.stream().map(EffectivePolicy::name).toList());
        List<Decision> decisions = traced.call("ratelimit", "stockroom.ratelimit.policies", names, () -> {
            List<Decision> taken = limiter.decide(effective, keys, 1);
            Span.current().setAttribute("stockroom.ratelimit.outcome", summary(taken));
            return taken;
        });
        if (decisions.stream().anyMatch(Decision::unavailable)) {
            throw Problem.of(503, "rate-limiter-unavailable", "Service Unavailable")
                    .detail("Requests cannot be admitted right now; retry shortly").exception();
        }
        Map<String, String> headers = RateLimitHeaders.of(decisions);
        outcome.set(headers);
        List<Decision> rejected = decisions.stream().filter(d -> !d.admitted() && !d.policy().shadow()).toList();
        if (!rejected.isEmpty()) {
            throw quotaExceeded(rejected, headers);
        }
        return invocation.proceed();
    }

    private static String summary(List<Decision> decisions) {
        String admitted = decisions.stream().allMatch(Decision::admitted) ? "allowed" : "rejected";
        return decisions.stream().anyMatch(Decision::degraded) ? "degraded-" + admitted : admitted;
    }

    static ProblemException quotaExceeded(List<Decision> rejected, Map<String, String> headers) {
        Map<String, String> withRetry = new java.util.LinkedHashMap<>(headers);
        String retryAfter = RateLimitHeaders.retryAfter(rejected);
        withRetry.put("Retry-After", retryAfter);
        String policy = rejected.get(0).policy().name();
        return new ProblemException(Problem.of(429, "quota-exceeded", "Too Many Requests")
                .detail("Rate limit policy '" + policy + "' is exhausted; retry in " + retryAfter + " s")
                .with("policy", policy)
                .with("retryAfter", Long.parseLong(retryAfter))
                .build(), withRetry);
    }
}
