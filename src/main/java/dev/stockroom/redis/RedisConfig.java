package dev.stockroom.redis;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How Stockroom uses Redis beyond the connection itself ({@code quarkus.redis.*}). */
@ConfigMapping(prefix = "stockroom.redis")
public interface RedisConfig {

    /**
     * Whether readiness requires Redis. When false (the default) the service stays ready without Redis:
     * caches fall through to the database and the rate limiter applies each policy's failure mode.
     */
    @WithDefault("false")
    boolean required();

    /** The pub/sub channel that carries invalidations between instances. */
    @WithDefault("stockroom:invalidations")
    String invalidationChannel();

    /** How long a publish or health probe may wait for Redis before it is given up. */
    @WithDefault("500ms")
    Duration commandTimeout();

    /**
     * Threads that start the Redis calls of blocking callers outside any Vert.x context ({@code RedisCalls});
     * callers on the event loop send theirs from there. Starting a call takes microseconds, so a few serve
     * hundreds of concurrent requests; past them, work waits in line.
     */
    @WithDefault("16")
    int callThreads();

    /**
     * How often each instance reads the bus log for invalidations its subscription missed: the bound on how
     * late a lost message is applied while Redis answers.
     */
    @WithDefault("250ms")
    Duration busCatchUpInterval();

    /** How long the bus log keeps a message. */
    @WithDefault("60s")
    Duration busLogRetention();

    /** How long to wait before subscribing again after the subscription was lost or could not be made. */
    @WithDefault("1s")
    Duration resubscribeDelay();
}
