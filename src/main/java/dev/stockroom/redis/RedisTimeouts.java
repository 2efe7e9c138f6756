package dev.stockroom.redis;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.smallrye.mutiny.Uni;

/**
 * Runs Redis calls so that a thread blocked on one can never starve its completion. Called from a worker
 * thread, the Redis client completes on that request's context, which hands the result to the worker pool;
 * and Mutiny schedules timeouts on the worker pool too. A burst of requests blocked on Redis can occupy every
 * worker, and neither results nor timeouts would then arrive. Subscribing from a thread outside any Vert.x
 * context makes results complete on the event loop, and a timer thread of our own keeps timeouts firing.
 */
public final class RedisTimeouts {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "stockroom-redis-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    private static final ExecutorService SUBSCRIBER = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "stockroom-redis-calls");
        thread.setDaemon(true);
        return thread;
    });

    private RedisTimeouts() {
    }

    public static <T> Uni<T> within(Duration timeout, Uni<T> call) {
        return call.runSubscriptionOn(SUBSCRIBER).ifNoItem().after(timeout).on(TIMER).fail();
    }

    /** The result of a Redis call for a blocking caller; fails after the timeout. */
    public static <T> T await(Duration timeout, Uni<T> call) {
        return within(timeout, call).await().indefinitely();
    }

    /** Runs blocking Redis work for a caller on the event loop, off both the event loop and the worker pool. */
    public static <T> Uni<T> offload(java.util.function.Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(SUBSCRIBER);
    }
}
