package dev.stockroom.cache;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One cache's figures: Redis lookups (hits and misses), and the entries and bytes it holds in Redis. */
@RegisterForReflection
public record CacheFigures(long hits, long misses, double hitRatio, long entries, long bytes) {

    static CacheFigures of(long hits, long misses, long entries, long bytes) {
        long lookups = hits + misses;
        return new CacheFigures(hits, misses, lookups == 0 ? 0 : Math.round(hits * 1000.0 / lookups) / 1000.0, entries,
                bytes);
    }
}
