package dev.stockroom.cache;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JavaType;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Serves a {@code @TenantCached} read from a resource method that runs on the event loop
 * ({@code @NonBlocking}). The call is first made in probe mode: the interceptor answers it from the near cache,
 * or answers null with the call's key, and never runs the method. A near hit is thus served on the event loop,
 * with no hop to a worker thread, no Redis call and no transaction. On a near miss the entry is read from Redis
 * without blocking, still on the event loop. Only when Redis has no current entry (or does not answer) does the
 * call run for real, on Quarkus' worker pool, where the single flight, the lease and the loader live; its tasks
 * carry the request context (and with it the tenant) and the trace, and the result comes back on the
 * request's event loop. The worker runs outside the request's Vert.x context on purpose: state kept in that
 * context is not shared between two threads. Probing through the call itself means the key is the
 * interceptor's own: no second way to build it.
 */
@ApplicationScoped
public class CachedReads {

    /** Set while a call is probed; the interceptor marks it as answered and leaves the call's key. */
    static final class Probe {
        boolean answered;
        CacheKey key;
        JavaType type;
    }

    private final ThreadLocal<Probe> probe = new ThreadLocal<>();
    private final TwoLevelCache cache;

    CachedReads(TwoLevelCache cache) {
        this.cache = cache;
    }

    /** {@code call} must be one call of a {@code @TenantCached} method, which never returns null. */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> read(Callable<T> call) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return Uni.createFrom().item(() -> unchecked(call));
        }
        Probe probed = new Probe();
        T hit = probed(call, probed);
        if (hit != null) {
            return Uni.createFrom().item(hit);
        }
        if (probed.key == null) { // not cached for this call (no tenant, or the cache is off)
            return onWorker(call, context);
        }
        return cache.storedValue(probed.key, probed.type).onItemOrFailure().transformToUni((stored, failure) -> {
            if (failure != null) {
                return onWorker(() -> cache.withoutRedis(call), context);
            }
            return stored != null ? Uni.createFrom().item((T) stored) : onWorker(call, context);
        });
    }

    private static <T> Uni<T> onWorker(Callable<T> call, Context context) {
        return Uni.createFrom().item(() -> unchecked(call)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private <T> T probed(Callable<T> call, Probe current) {
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
