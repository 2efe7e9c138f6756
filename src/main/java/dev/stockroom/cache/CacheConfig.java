package dev.stockroom.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The tenant cache ({@code stockroom.cache.*}). */
@ConfigMapping(prefix = "stockroom.cache")
public interface CacheConfig {

    /** False turns every {@code @TenantCached} method into a pass-through, for comparisons. */
    @WithDefault("true")
    boolean enabled();

    /** TTL of caches that configure none. */
    @WithDefault("5m")
    Duration defaultTtl();

    /** Up to this fraction of the TTL is added at random, so that entries stored together do not expire together. */
    @WithDefault("0.1")
    double ttlJitter();

    /** Per-cache settings. */
    Map<String, Cache> caches();

    /** The near cache in each instance. */
    Near near();

    /** The invalidation outbox ({@link InvalidationOutbox}). */
    Outbox outbox();

    interface Outbox {

        /** How often relayed rows are deleted and rows left behind are looked for. */
        @WithDefault("1s")
        Duration sweepInterval();

        /** How old a row must be before another instance relays it (its writer had the time to). */
        @WithDefault("3s")
        Duration relayAfter();
    }

    /** Limits per tenant. */
    TenantQuota tenantQuota();

    /** How long a cache call may wait for Redis before the method simply runs. */
    @WithDefault("250ms")
    Duration redisTimeout();

    /** How long a miss may wait for another caller (here or on another instance) that is loading the same entry. */
    @WithDefault("2s")
    Duration lockWait();

    /**
     * How long Redis remembers that an entry was invalidated (its revocation token). A load that began before
     * the invalidation can never store its value meanwhile; a load that runs longer than half of this is not
     * stored at all.
     */
    @WithDefault("5m")
    Duration revocationMemory();

    /** Values at least this large are stored gzip-compressed in Redis. */
    @WithDefault("4096")
    int compressAbove();

    /** After Redis comes back, how long reads bypass it while invalidations that failed are replayed. */
    @WithDefault("3s")
    Duration recoveryGrace();

    /** Background refills of configured caches ({@link CacheWarmer}). */
    Warming warming();

    /** The threads that run write-through reloads and warming. */
    Refresh refresh();

    interface Cache {
        /** TTL of this cache. */
        Optional<Duration> ttl();

        /** After a committed write, reload the entry instead of only dropping it ({@link CacheInvalidator#refresh}). */
        @WithDefault("false")
        boolean writeThrough();
    }

    interface Warming {
        /** Whether the warmers run, at start and after a purge. */
        @WithDefault("false")
        boolean enabled();

        /** Tenants warmed at start: the active ones whose API keys were used most recently. */
        @WithDefault("50")
        int maxTenants();

        /** How long after start the warming begins. */
        @WithDefault("5s")
        Duration startDelay();
    }

    interface Refresh {
        /** Threads that reload entries in the background. */
        @WithDefault("2")
        int threads();

        /** Reloads waiting for a thread; past it, new ones are dropped (the next read loads instead). */
        @WithDefault("1000")
        int queue();
    }

    interface Near {
        /** Whether instances keep hot entries in memory (no Redis call on a hit). */
        @WithDefault("true")
        boolean enabled();

        /** Entries kept in memory per instance, all tenants together. */
        @WithDefault("10000")
        int maxEntries();

        /** The longest an entry lives in memory, whatever its TTL. */
        @WithDefault("30s")
        Duration maxTtl();
    }

    interface TenantQuota {
        /** Entries a tenant may hold in Redis; past it, its entries closest to expiry are evicted. */
        @WithDefault("10000")
        int maxEntries();
    }
}
