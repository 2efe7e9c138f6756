package dev.stockroom.redis;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;
import dev.stockroom.transaction.AfterCommit;
import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Response;

/**
 * Carries {@link Invalidation}s to every instance over Redis pub/sub and delivers them as CDI events.
 * <p>
 * Publishing applies the invalidation locally first, so this instance is coherent even while Redis is away.
 * The subscription is kept alive by hand: whenever it ends or fails, {@link InvalidationBusStatus} events tell
 * in-memory caches to drop what they hold (messages may have been missed), and it subscribes again.
 * The service starts with Redis down and picks the subscription up when Redis appears.
 * <p>
 * Pub/sub delivers at most once: a message sent while a subscription is being re-established, or dropped with
 * a killed connection, is gone. So every message is also kept in the bus log for a minute (one script call
 * publishes and logs it), and each instance reads the log every {@code bus-catch-up-interval} for messages
 * it has not applied yet. A lost message is thus applied within that interval while Redis answers.
 * <p>
 * The bus is {@link #current()} while it is connected and a read of the log sent at most one interval plus
 * {@code command-timeout} ago succeeded: every message published before that read was sent has then been
 * applied. In-memory caches serve only while the bus is current. A network split that drops packets leaves
 * the subscription's connection open and silent, and only the failing log reads reveal it; the caches then
 * pause (they keep what they hold) until a read succeeds and applies what was logged meanwhile.
 */
@ApplicationScoped
public class InvalidationBus {

    /** The bus log: every message of the last {@code bus-log-retention}, scored by the Redis clock. */
    public static final String LOG_KEY = "{bus}:log";
    /** Redis' data epoch: a token that changes only when Redis loses its data. */
    public static final String EPOCH_KEY = "{bus}:epoch";

    private static final LuaScript PUBLISH = LuaScript.load("bus-publish.lua");
    private static final LuaScript READ = LuaScript.load("bus-read.lua");

    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong sequence = new AtomicLong();
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    /** Messages applied here, by id: a message arrives by pub/sub and from the log, and is applied once. */
    private final Cache<String, Boolean> applied;
    private final ReactivePubSubCommands<Invalidation> pubsub;
    private final Event<Invalidation> deliveries;
    private final Event<InvalidationBusStatus> statuses;
    private final AfterCommit afterCommit;
    private final RedisConfig config;
    private final RedisCalls redisCalls;
    private final Vertx vertx;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final AtomicBoolean reading = new AtomicBoolean();
    /** How long after a successful read of the log was sent the bus is current (nanoseconds). */
    private final long currentFor;
    /** System.nanoTime() when the last successful read of the log was sent; valid once {@code verified}. */
    private volatile long verifiedAt;
    private volatile boolean verified;
    private volatile long catchUpTimer = -1;
    private volatile boolean stopped;
    private volatile ReactivePubSubCommands.ReactiveRedisSubscriber subscriber;
    /** Where the next read of the bus log starts, on the Redis clock (ms); -1 before the first read. */
    private volatile long logReadFrom = -1;
    private volatile String dataEpoch;

    InvalidationBus(ReactiveRedisDataSource redis, Event<Invalidation> deliveries, Event<InvalidationBusStatus> statuses,
            AfterCommit afterCommit, RedisConfig config, RedisCalls redisCalls, ObjectMapper json, Vertx vertx) {
        this.redis = redis;
        this.vertx = vertx;
        this.json = json;
        this.applied = LocalCaches.expiringAfterWrite(100_000, config.busLogRetention().multipliedBy(2));
        this.pubsub = redis.pubsub(Invalidation.class);
        this.deliveries = deliveries;
        this.statuses = statuses;
        this.afterCommit = afterCommit;
        this.config = config;
        this.redisCalls = redisCalls;
        this.currentFor = config.busCatchUpInterval().plus(config.commandTimeout()).toNanos();
    }

    /** Publishes when the current transaction commits, never if it rolls back; at once outside a transaction. */
    public void publishAfterCommit(Invalidation invalidation) {
        afterCommit.run(() -> publish(invalidation));
    }

    /** Applies the invalidation here, then sends it to the other instances (best effort: Redis may be away). */
    public void publish(Invalidation invalidation) {
        Invalidation message = invalidation.from(instance, sequence.incrementAndGet());
        deliveries.fire(message);
        String encoded;
        try {
            encoded = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An invalidation could not be written as JSON", e);
        }
        redisCalls.within(config.commandTimeout(), PUBLISH.run(redis, List.of(LOG_KEY), List.of(config.invalidationChannel(),
                encoded, Long.toString(config.busLogRetention().toMillis()))))
                .subscribe().with(ignored -> {
                }, failure -> Log.logf(connected() ? Logger.Level.WARN : Logger.Level.DEBUG, // the outage was logged once
                        "Invalidation %s not sent to other instances: %s", message.topic(), failure.toString()));
    }

    /** Whether invalidations from other instances are arriving now. */
    public boolean connected() {
        return connected.get();
    }

    /**
     * Whether every invalidation published up to one {@code bus-catch-up-interval} plus {@code command-timeout}
     * ago has been applied here: what in-memory caches must know before they answer from memory.
     */
    public boolean current() {
        return connected.get() && verified && System.nanoTime() - verifiedAt <= currentFor;
    }

    void start(@Observes StartupEvent event) {
        subscribe();
        // A Vert.x timer, not @Scheduled: the scheduler runs nothing more often than once a second.
        catchUpTimer = vertx.setPeriodic(config.busCatchUpInterval().toMillis(), id -> catchUp());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(catchUpTimer);
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
        if (!instance.equals(message.origin()) && applied.asMap().putIfAbsent(message.id(), Boolean.TRUE) == null) {
            deliveries.fire(message);
        }
    }

    /**
     * Applies what the log holds and the subscription missed; the first read only notes where the log is.
     * When Redis' data epoch changed, Redis lost its data and the messages in it: the connection status is
     * told again, on which in-memory caches drop everything; so they do when no read succeeded for half the
     * log's retention, since messages may have left it.
     */
    void catchUp() {
        if (stopped || !reading.compareAndSet(false, true)) {
            return;
        }
        long sent = System.nanoTime();
        long from = logReadFrom;
        redisCalls.within(config.commandTimeout(), READ.run(redis, List.of(LOG_KEY, EPOCH_KEY),
                List.of(from < 0 ? "-" : Long.toString(from), UUID.randomUUID().toString())))
                .subscribe().with(read -> {
                    try {
                        applyLog(read);
                        if (verified && sent - verifiedAt > config.busLogRetention().toNanos() / 2) {
                            Log.warn("The bus log was not read for half its retention: in-memory caches are dropped");
                            statuses.fire(new InvalidationBusStatus(connected.get()));
                        }
                        verifiedAt = sent;
                        verified = true;
                    } catch (RuntimeException | JsonProcessingException e) {
                        logFailed(e);
                    } finally {
                        reading.set(false);
                    }
                }, failure -> {
                    logFailed(failure);
                    reading.set(false);
                });
    }

    private void applyLog(Response read) throws JsonProcessingException {
        String epoch = read.get(1).toString();
        if (dataEpoch != null && !dataEpoch.equals(epoch)) {
            Log.warn("Redis lost its data (its data epoch changed): in-memory caches are dropped");
            statuses.fire(new InvalidationBusStatus(connected.get()));
        }
        dataEpoch = epoch;
        for (int i = 2; i < read.size(); i++) {
            receive(json.readValue(read.get(i).toString(), Invalidation.class));
        }
        logReadFrom = read.get(0).toLong();
    }

    private void logFailed(Throwable failure) {
        Log.debugf("Invalidation bus log not read: %s", failure.toString());
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
