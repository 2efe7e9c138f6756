package dev.stockroom.ratelimit;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;
import dev.stockroom.observability.Traced;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Decides whether the current request may run a {@link RateLimited} method: the method's policies, scaled
 * for the caller, keyed by tenant, key or address, decided in one call to the {@link RateLimiter}, or here when
 * Redis already refused the key and its retry time has not come ({@link Refusals}) or this instance holds a
 * lease of units for the request's keys ({@link RateLimitLeases}); while another request of the same keys
 * asks Redis for a lease, it waits for that answer and looks again. Admitted, its headers are written on the
 * response at once, where the resource method's answer (or its error's) keeps them; otherwise it fails with
 * {@link RateLimitExceeded} or {@link RateLimiterUnavailable}. A refusal from
 * memory teaches {@link EarlyRefusals} the route, which then answers its like before routing.
 */
@ApplicationScoped
public class RequestAdmission {

    /** The answers to other requests' lease calls one request waits for at most before asking Redis itself. */
    private static final int MOST_WAITS = 8;

    private final RateLimitConfig config;
    private final PolicyResolver policies;
    private final RateLimiter limiter;
    private final TenantContext tenant;
    private final CurrentVertxRequest request;
    private final Traced traced;
    private final Refusals refusals;
    private final RateLimitLeases leases;
    private final EarlyRefusals early;
    /**
     * A key's policies and their Redis keys for a method, worked out on its first request rather than on
     * every one: they depend only on the method and the caller, whose plan or role change makes a new caller.
     * The same key strings each time also spare the lookups below hashing them again.
     */
    private final Cache<MethodCaller, Scoped> scopedByCaller = LocalCaches.expiringAfterAccess(10_000, Duration.ofMinutes(5));

    private record MethodCaller(Method method, TenantCaller caller) {
    }

    private record Scoped(List<EffectivePolicy> effective, List<String> keys) {
    }

    RequestAdmission(RateLimitConfig config, PolicyResolver policies, RateLimiter limiter, TenantContext tenant,
            CurrentVertxRequest request, Traced traced, Refusals refusals,
            RateLimitLeases leases, EarlyRefusals early) {
        this.config = config;
        this.policies = policies;
        this.limiter = limiter;
        this.tenant = tenant;
        this.request = request;
        this.traced = traced;
        this.refusals = refusals;
        this.leases = leases;
        this.early = early;
    }

    /**
     * Decides at once when memory can: returns null when the request is admitted, throws
     * {@link RateLimitExceeded} when it is refused. Otherwise returns the decision to wait for, which does not
     * block and completes on the caller's context.
     */
    Uni<Void> admit(Method method, RateLimited binding) {
        if (!config.enabled()) {
            return null;
        }
        TenantCaller caller = tenant.caller().orElse(null);
        PolicyResolver.MethodPolicies declared = policies.of(method, binding);
        RoutingContext http = request.getCurrent();
        Scoped scoped = caller == null ? null : scopedByCaller.getIfPresent(new MethodCaller(method, caller));
        if (scoped == null) {
            List<EffectivePolicy> effective = policies.scaled(declared, caller);
            scoped = new Scoped(effective, RateLimitKeys.of(effective, caller, http));
            if (!RateLimitKeys.needAddress(effective, caller)) { // a key counted per address is not the caller's alone
                scopedByCaller.put(new MethodCaller(method, caller), scoped);
            }
        }
        List<Decision> refused = refusals.inForce(scoped.keys());
        if (!refused.isEmpty()) {
            early.learn(http, method, declared, caller); // from now on, its like may be answered before routing
            throw refusal(refused);
        }
        return leased(http, scoped) ? null : decide(http, declared, scoped, MOST_WAITS);
    }

    /** Admits the request from its key set's lease, if it has a unit left. */
    private boolean leased(RoutingContext http, Scoped scoped) {
        List<Decision> leased = leases.take(scoped.effective(), scoped.keys());
        if (leased == null) {
            return false;
        }
        leased.forEach(limiter::count);
        RateLimitHeaders.write(leased, http.response().headers()::set);
        return true;
    }

    private Uni<Void> decide(RoutingContext http, PolicyResolver.MethodPolicies declared, Scoped scoped, int waits) {
        // Another request of these keys may be asking Redis for a lease: its answer leases units to this one
        // too, or refuses the keys, or (one unit granted) leaves the next to ask; this one then looks again.
        return traced.uni("ratelimit", "stockroom.ratelimit.policies", declared.names(),
                span -> leases.decide(scoped.effective(), scoped.keys(), waits > 0).invoke(taken -> {
                    if (taken != null) {
                        span.setAttribute("stockroom.ratelimit.outcome", summary(taken));
                    }
                }))
                .chain(decisions -> {
                    if (decisions != null) {
                        enforce(http, decisions);
                        return Uni.createFrom().voidItem();
                    }
                    List<Decision> refused = refusals.inForce(scoped.keys());
                    if (!refused.isEmpty()) {
                        throw refusal(refused);
                    }
                    return leased(http, scoped) ? Uni.createFrom().voidItem() : decide(http, declared, scoped, waits - 1);
                });
    }

    private RateLimitExceeded refusal(List<Decision> refused) {
        refused.forEach(limiter::count);
        return new RateLimitExceeded(refused, RateLimitHeaders.of(refused));
    }

    /** The headers of an admitted request stay on its response whatever its status. */
    private void enforce(RoutingContext http, List<Decision> decisions) {
        if (decisions.stream().anyMatch(Decision::unavailable)) {
            throw new RateLimiterUnavailable();
        }
        List<Decision> rejected = decisions.stream().filter(d -> !d.admitted() && !d.policy().shadow()).toList();
        if (!rejected.isEmpty()) {
            throw new RateLimitExceeded(rejected, RateLimitHeaders.of(decisions));
        }
        RateLimitHeaders.write(decisions, http.response().headers()::set);
    }

    private static String summary(List<Decision> decisions) {
        String admitted = decisions.stream().allMatch(Decision::admitted) ? "allowed" : "rejected";
        return decisions.stream().anyMatch(Decision::degraded) ? "degraded-" + admitted : admitted;
    }
}
