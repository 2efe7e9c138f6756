package dev.stockroom.ratelimit;

import java.lang.reflect.Method;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import dev.stockroom.tenancy.TenantContextFilter;
import io.smallrye.mutiny.Uni;

/**
 * Applies {@link RateLimited}: {@link RequestAdmission} decides before the resource method runs, and the
 * request fails with a problem when it may not run it. A filter on the event loop rather than an interceptor
 * on the worker thread: the Redis call is sent from the event loop and its answer comes back there, so no
 * thread waits for it, and a rejected request never takes a worker or starts a transaction. The request is
 * suspended only while it waits for Redis: most requests are decided here at once, from memory, and a
 * {@code Uni} for each would cost them a subscription. Runs after {@link TenantContextFilter}, which names the
 * caller. (Quarkus registers resource methods for reflection when a filter reads {@link ResourceInfo}, so
 * this works in the native image too.)
 */
public class RateLimitFilter {

    @Inject
    RequestAdmission admission;

    @ServerRequestFilter(nonBlocking = true, priority = Priorities.USER - 100)
    public void admit(ResourceInfo resource, ResteasyReactiveContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        RateLimited binding = method.getAnnotation(RateLimited.class);
        if (binding == null) {
            binding = resource.getResourceClass().getAnnotation(RateLimited.class);
        }
        Uni<Void> pending = binding == null ? null : admission.admit(method, binding);
        if (pending != null) {
            request.suspend();
            pending.subscribe().with(admitted -> request.resume(), request::resume);
        }
    }
}
