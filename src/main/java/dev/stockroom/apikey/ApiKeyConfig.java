package dev.stockroom.apikey;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How verified API keys are remembered, so that a known key costs no database query. */
@ConfigMapping(prefix = "stockroom.api-keys")
public interface ApiKeyConfig {

    /**
     * How long a verified key is remembered in process. Revocations, suspensions and plan changes reach
     * every instance over the invalidation bus at once; this bounds staleness only while Redis is away.
     */
    @WithDefault("60s")
    Duration cacheTtl();

    /** How many known keys are remembered at most. */
    @WithDefault("10000")
    int cacheMaxEntries();

    /**
     * How many unknown prefixes are remembered at most (each spares a query for a key that does not exist).
     * Kept apart from known keys, so that made-up keys can only push out other made-up keys.
     */
    @WithDefault("10000")
    int unknownCacheMaxEntries();

    /**
     * How many active (neither revoked nor expired) keys a tenant may hold, by plan ({@code FREE},
     * {@code PRO}, {@code ENTERPRISE}); a plan without an entry has no cap. Bounds what a leaked ADMIN key
     * can mint, alongside the tenant-wide rate limit.
     */
    Map<String, Integer> maxActiveKeys();

    /**
     * How often the time each key was last used is written to the database. Read by the schedule of
     * {@link KeyUsage#flush()}, whose expression names this property; this default is the only one.
     */
    @WithDefault("60s")
    Duration lastUsedFlushInterval();
}
