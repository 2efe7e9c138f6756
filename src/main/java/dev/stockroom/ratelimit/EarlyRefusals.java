package dev.stockroom.ratelimit;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.http.AllowedMethods;
import dev.stockroom.http.Problem;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContextFilter;
import dev.stockroom.tenancy.TenantStatus;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request whose refusal this instance remembers ({@link Refusals}) before Quarkus REST routes it:
 * a Vert.x filter after authentication, which writes the 429 that {@link RequestAdmission} would, with no
 * request scope, filters, exception mapping or body writer: such a 429 costs about a fifth less CPU, on the
 * event loops other tenants share (docs/benchmarks.md).
 * <p>
 * Which policies a route has is learned from Quarkus REST's own routing rather than worked out again here:
 * when {@link RequestAdmission} refuses a request from memory, it tells this class the route's resource method
 * and the caller's role, which had thus passed authorization there. A later request of that route is answered
 * here only when its caller's role was among them (otherwise it is routed, and may get the 403 it got before),
 * its tenant is not suspended, it has no body (routing reads it, so the connection stays usable), and its keys
 * are still refused. A route that two resource methods answer (by media type) is never answered here.
 */
@ApplicationScoped
class EarlyRefusals {

    /**
     * After Quarkus' authentication (200) and authorization (100) filters, before any route of the
     * application.
     */
    static final int PRIORITY = 90;
    private static final String ANONYMOUS = "";

    /** A learned route: its resource method and policies, and the roles refused on it from memory. */
    private record Route(Method method, PolicyResolver.MethodPolicies declared, Set<String> roles) {
    }

    private final PolicyResolver policies;
    private final Refusals refusals;
    private final RateLimiter limiter;
    private final IdentityProviderManager identities;
    private final ObjectMapper json;
    /** {@link #routeName} → its route; a route with a null method is answered by more than one. */
    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    EarlyRefusals(PolicyResolver policies, Refusals refusals, RateLimiter limiter, IdentityProviderManager identities,
            ObjectMapper json) {
        this.policies = policies;
        this.refusals = refusals;
        this.limiter = limiter;
        this.identities = identities;
        this.json = json;
    }

    void install(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    /** Called with each request {@link RequestAdmission} refuses from memory. */
    void learn(RoutingContext http, Method method, PolicyResolver.MethodPolicies declared, TenantCaller caller) {
        String name = routeName(http);
        if (name == null) {
            return;
        }
        Route route = routes.computeIfAbsent(name, n -> new Route(method, declared, ConcurrentHashMap.newKeySet()));
        if (route.method() != null && !route.method().equals(method)) {
            routes.put(name, new Route(null, declared, Set.of()));
        } else if (route.method() != null) {
            route.roles().add(roleOf(caller));
        }
    }

    private void handle(RoutingContext http) {
        Route route = routes.isEmpty() || refusals.none() ? null : routeOf(http);
        if (route == null || route.method() == null || hasBody(http.request())) {
            http.next();
            return;
        }
        // A remembered key's identity is known at once, on this thread; another is resolved on a worker.
        Context context = Vertx.currentContext();
        QuarkusHttpUser.getSecurityIdentity(http, identities).subscribe().with(
                identity -> onContext(context, () -> answerOrRoute(http, route, identity)),
                failure -> onContext(context, http::next)); // routing answers it as it would have
    }

    private void answerOrRoute(RoutingContext http, Route route, SecurityIdentity identity) {
        try {
            answer(http, route, identity);
        } catch (RuntimeException e) {
            // From this class's own code (Vert.x catches what routing throws): nothing was written yet.
            if (!http.response().ended()) {
                http.next();
            }
        }
    }

    private Route routeOf(RoutingContext http) {
        String name = routeName(http);
        return name == null ? null : routes.get(name);
    }

    /** "METHOD template", or null for a request outside the API's paths. */
    private static String routeName(RoutingContext http) {
        String template = AllowedMethods.templateOf(http);
        return template == null ? null : http.request().method().name() + " " + template;
    }

    private void answer(RoutingContext http, Route route, SecurityIdentity identity) {
        TenantCaller caller = identity.getAttribute(TenantContextFilter.CALLER);
        boolean known = caller != null ? identity.getAttribute(TenantContextFilter.STATUS) != TenantStatus.SUSPENDED
                : identity.isAnonymous();
        if (!known || !route.roles().contains(roleOf(caller))) {
            http.next();
            return;
        }
        List<EffectivePolicy> effective = policies.scaled(route.declared(), caller);
        List<Decision> refused = refusals.inForce(RateLimitKeys.of(effective, caller, http));
        if (refused.isEmpty()) {
            http.next();
            return;
        }
        refused.forEach(limiter::count);
        RateLimitExceeded exceeded = new RateLimitExceeded(refused, RateLimitHeaders.of(refused));
        String body;
        try {
            body = json.writeValueAsString(exceeded.problem().withInstance(Problem.instance(http.request().path())));
        } catch (JsonProcessingException e) {
            http.next();
            return;
        }
        exceeded.headers().forEach(http.response()::putHeader);
        http.response().setStatusCode(429).putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }

    private static String roleOf(TenantCaller caller) {
        return caller == null || caller.role() == null ? ANONYMOUS : caller.role();
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING) || (length != null && !length.equals("0"));
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
