package dev.stockroom.redis;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.stockroom.transaction.AfterCommit;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Carries {@link Invalidation}s to every instance over Redis pub/sub and delivers them as CDI events.
 * <p>
 * Publishing applies the invalidation locally first, so this instance is coherent even while Redis is away.
 * The subscription is kept alive by hand: whenever it ends or fails, {@link InvalidationBusStatus} events tell
 * in-memory caches to drop what they hold (messages may have been missed), and it subscribes again.
 * The service starts with Redis down and picks the subscription up when Redis appears.
 */
@ApplicationScoped
public class InvalidationBus {

    private final String instance = UUID.randomUUID().toString();
    private final ReactivePubSubCommands<Invalidation> pubsub;
    private final Event<Invalidation> deliveries;
    private final Event<InvalidationBusStatus> statuses;
    private final AfterCommit afterCommit;
    private final RedisConfig config;
    private final RedisCalls redisCalls;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;

    InvalidationBus(ReactiveRedisDataSource redis, Event<Invalidation> deliveries, Event<InvalidationBusStatus> statuses,
            AfterCommit afterCommit, RedisConfig config, RedisCalls redisCalls) {
        this.pubsub = redis.pubsub(Invalidation.class);
        this.deliveries = deliveries;
        this.statuses = statuses;
        this.afterCommit = afterCommit;
        this.config = config;
        this.redisCalls = redisCalls;
    }

    /** Publishes when the current transaction commits, never if it rolls back; at once outside a transaction. */
    public void publishAfterCommit(Invalidation invalidation) {
        afterCommit.run(() -> publish(invalidation));
    }

    /** Applies the invalidation here, then sends it to the other instances (best effort: Redis may be away). */
    public void publish(Invalidation invalidation) {
        Invalidation message = invalidation.from(instance);
        deliveries.fire(message);
        redisCalls.within(config.commandTimeout(), pubsub.publish(config.invalidationChannel(), message))
                .subscribe().with(ignored -> {
                }, failure -> Log.logf(connected() ? Logger.Level.WARN : Logger.Level.DEBUG, // the outage was logged once
                        "Invalidation %s not sent to other instances: %s", message.topic(), failure.toString()));
    }

    /** Whether invalidations from other instances are arriving now. */
    public boolean connected() {
        return connected.get();
    }

    void start(@Observes StartupEvent event) {
        subscribe();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        ReactivePubSubCommands.ReactiveRedisSubscriber current = subscriber;
        if (current != null) {
            current.unsubscribe().subscribe().with(ignored -> {
            }, failure -> {
            });
        }
    }

    private void subscribe() {
        if (stopped) {
            return;
        }
        retryScheduled.set(false);
        pubsub.subscribe(config.invalidationChannel(), this::receive, () -> lost(null), this::lost)
                .subscribe().with(this::subscribed, this::lost);
    }

    private void subscribed(ReactivePubSubCommands.ReactiveRedisSubscriber subscriber) {
        this.subscriber = subscriber;
        if (connected.compareAndSet(false, true)) {
            Log.info("Invalidation bus connected");
            statuses.fire(new InvalidationBusStatus(true));
        }
    }

    private void receive(Invalidation message) {
        if (!instance.equals(message.origin())) {
            deliveries.fire(message);
        }
    }

    private void lost(Throwable failure) {
        if (stopped) {
            return;
        }
        if (connected.compareAndSet(true, false)) {
            Log.warnf("Invalidation bus disconnected: %s", failure == null ? "subscription ended" : failure.toString());
            statuses.fire(new InvalidationBusStatus(false));
        } else {
            Log.debugf("Invalidation bus not connected: %s", failure);
        }
        if (!retryScheduled.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().voidItem().onItem().delayIt().by(config.resubscribeDelay())
                .subscribe().with(ignored -> subscribe());
    }
}
