package dev.stockroom.redis;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs Redis calls so that a thread blocked on one can never starve its completion. Called from a worker
 * thread, the Redis client completes on that request's context, which hands the result to the worker pool;
 * and Mutiny schedules timeouts on the worker pool too. A burst of requests blocked on Redis can occupy every
 * worker, and neither results nor timeouts would then arrive. Subscribing from a thread outside any Vert.x
 * context makes results complete on the event loop, and a timer thread of our own keeps timeouts firing.
 * <p>
 * The executors belong to this bean, so they are created when the application starts (never baked into a
 * native image), shut down with it, and reported by Micrometer as {@code executor_*{name="stockroom-redis-…"}}.
 * A pool of {@code stockroom.redis.call-threads} threads that only starts calls, idle ones retired after a
 * minute. Callers on the event loop need none of this: {@link #nonBlocking} sends from there.
 */
@ApplicationScoped
public class RedisCalls {

    private final ScheduledExecutorService timer;
    private final ExecutorService subscriber;

    RedisCalls(RedisConfig config, MeterRegistry metrics) {
        this.timer = ExecutorServiceMetrics.monitor(metrics,
                new ScheduledThreadPoolExecutor(1, daemonThreads("stockroom-redis-timeouts")),
                "stockroom-redis-timeouts");
        this.subscriber = ExecutorServiceMetrics.monitor(metrics, pool(config.callThreads(), "stockroom-redis-calls"),
                "stockroom-redis-calls");
    }

    public <T> Uni<T> within(Duration timeout, Uni<T> call) {
        return call.runSubscriptionOn(subscriber).ifNoItem().after(timeout).on(timer).fail();
    }

    /**
     * A Redis call for a caller that does not block. From the event loop it is sent at once, with no hop to
     * another thread, and its result or timeout comes back on the caller's context; from anywhere else it is
     * sent as {@link #within} sends it.
     */
    public <T> Uni<T> nonBlocking(Duration timeout, Uni<T> call) {
        Context context = Vertx.currentContext();
        if (context == null || !Context.isOnEventLoopThread()) {
            return within(timeout, call);
        }
        return call.ifNoItem().after(timeout).on(timer).fail().emitOn(task -> {
            if (Vertx.currentContext() == context) {
                task.run();
            } else {
                context.runOnContext(ignored -> task.run());
            }
        });
    }

    /** The result of a Redis call for a blocking caller; fails after the timeout. */
    public <T> T await(Duration timeout, Uni<T> call) {
        return within(timeout, call).await().indefinitely();
    }

    @PreDestroy
    void shutdown() {
        timer.shutdownNow();
        subscriber.shutdownNow();
    }

    private static ThreadPoolExecutor pool(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), daemonThreads(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
