package dev.stockroom.cache;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantScope;
import io.quarkus.logging.Log;

/**
 * Runs cache reloads in the background as a tenant: write-through after commits, and warming. Two threads and
 * a bounded queue: a refresh only saves a later miss, so under pressure it is dropped rather than queued.
 */
@ApplicationScoped
public class CacheRefresher {

    private final TenantScope scope;
    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1_000), work -> {
                Thread thread = new Thread(work, "cache-refresh-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    CacheRefresher(TenantScope scope) {
        this.scope = scope;
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code reload} soon, as {@code caller}; a failure is only logged (the next read loads instead). */
    void submit(TenantCaller caller, String what, Runnable reload) {
        executor.execute(() -> {
            try {
                scope.run(caller, reload);
            } catch (RuntimeException e) {
                Log.debugf("Cache %s for tenant %s failed: %s", what, caller.tenantId(), e.toString());
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
