package dev.stockroom.cache;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantScope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.quarkus.logging.Log;

/**
 * Runs cache reloads in the background as a tenant: write-through after commits, and warming. A few threads
 * and a bounded queue ({@code stockroom.cache.refresh.*}): a refresh only saves a later miss, so under
 * pressure it is dropped rather than queued. Reported as {@code executor_*{name="stockroom-cache-refresh"}}.
 */
@ApplicationScoped
public class CacheRefresher {

    private final TenantScope scope;
    private final ThreadPoolExecutor pool;
    private final ExecutorService executor;

    CacheRefresher(TenantScope scope, CacheConfig config, MeterRegistry metrics) {
        this.scope = scope;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(config.refresh().threads(), config.refresh().threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.refresh().queue()), work -> {
                    Thread thread = new Thread(work, "stockroom-cache-refresh-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardPolicy());
        pool.allowCoreThreadTimeOut(true);
        this.executor = ExecutorServiceMetrics.monitor(metrics, pool, "stockroom-cache-refresh");
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
        pool.shutdownNow();
    }
}
