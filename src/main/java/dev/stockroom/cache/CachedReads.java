package dev.stockroom.cache;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Serves a {@code @TenantCached} read from a resource method that runs on the event loop
 * ({@code @NonBlocking}). The call is first made in probe mode: the interceptor answers it from the near cache
 * or answers null, and never runs the method. A hit is thus served on the event loop, with no hop to a worker
 * thread, no Redis call and no transaction. A miss runs the call for real on Quarkus' worker pool, whose tasks
 * carry the request context (and with it the tenant) and the trace, and its result comes back on the
 * request's event loop. The worker runs outside the request's Vert.x context on purpose: state kept in that
 * context is not shared between two threads. Probing through the call itself means the key is the
 * interceptor's own: no second way to build it.
 */
@ApplicationScoped
public class CachedReads {

    /** Set while a call is probed; the interceptor marks it as answered. */
    static final class Probe {
        boolean answered;
    }

    private final ThreadLocal<Probe> probe = new ThreadLocal<>();

    /** {@code call} must be one call of a {@code @TenantCached} method, which never returns null. */
    public <T> Uni<T> read(Callable<T> call) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return Uni.createFrom().item(() -> unchecked(call));
        }
        T hit = probed(call);
        if (hit != null) {
            return Uni.createFrom().item(hit);
        }
        return Uni.createFrom().item(() -> unchecked(call)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private <T> T probed(Callable<T> call) {
        Probe current = new Probe();
        probe.set(current);
        try {
            T hit = unchecked(call);
            if (!current.answered) {
                throw new IllegalStateException("CachedReads.read takes a call of a @TenantCached method");
            }
            return hit;
        } finally {
            probe.remove();
        }
    }

    /** The probe of the call being made on this thread, or null when the call is to run. */
    Probe probing() {
        return probe.get();
    }

    private static <T> T unchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
