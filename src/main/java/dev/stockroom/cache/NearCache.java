package dev.stockroom.cache;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;

/**
 * The in-memory layer in front of Redis (L1). Entries live at most {@code max-ttl}. A load that raced with an
 * invalidation of its tenant is never stored (the tenant's epoch changed meanwhile); everything is dropped
 * when the invalidation bus drops or reconnects, since messages may have been missed, and nothing is stored
 * while it is down.
 * <p>
 * Every invalidation is O(1), like in Redis: one entry is removed by its key, and a generation (tenant,
 * cache, tag, caller) is bumped by noting when, on a local clock; an entry stamped before a bump of one of
 * its generations is dropped when it is next read. Bump records older than {@code max-ttl} concern no live
 * entry and are pruned.
 */
final class NearCache {

    private final Cache<String, Entry> entries;
    private final Map<UUID, AtomicLong> epochs = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private final Map<UUID, Map<String, Bump>> bumps = new ConcurrentHashMap<>();
    private final AtomicLong bumpCount = new AtomicLong();
    private final long maxTtlMillis;
    private volatile boolean usable;

    NearCache(int maxEntries, Duration maxTtl) {
        this.entries = LocalCaches.expiringAfterWrite(maxEntries, maxTtl);
        this.maxTtlMillis = maxTtl.toMillis();
    }

    Object get(CacheKey key) {
        if (!usable) {
            return null;
        }
        Entry entry = entries.getIfPresent(key.entry());
        if (entry == null) {
            return null;
        }
        if (bumpedSince(entry)) {
            entries.asMap().remove(key.entry(), entry);
            return null;
        }
        return entry.value();
    }

    /** The tenant's epoch: read it before loading and hand it to {@link #put}. */
    long epoch(UUID tenantId) {
        return epochs.computeIfAbsent(tenantId, id -> new AtomicLong()).get();
    }

    void put(CacheKey key, Object value, long epochBeforeLoad) {
        if (usable && epoch(key.tenantId()) == epochBeforeLoad) {
            entries.put(key.entry(), new Entry(key, value, clock.incrementAndGet()));
            if (epoch(key.tenantId()) != epochBeforeLoad) {
                entries.invalidate(key.entry()); // an invalidation slipped in between the check and the put
            }
        }
    }

    /** Drops what an invalidation of {@code scope} concerns, in O(1). */
    void invalidate(UUID tenantId, InvalidationScope scope) {
        // The epoch first: a load that stores from here on is refused or removed by its own check.
        epochs.computeIfAbsent(tenantId, id -> new AtomicLong()).incrementAndGet();
        switch (scope.kind()) {
            case ENTRY -> entries.invalidate(scope.value());
            case GENERATION -> {
                bumps.computeIfAbsent(tenantId, id -> new ConcurrentHashMap<>())
                        .put(scope.value(), new Bump(clock.incrementAndGet(), System.currentTimeMillis()));
                if (bumpCount.incrementAndGet() % 10_000 == 0) {
                    pruneBumps();
                }
            }
        }
    }

    private boolean bumpedSince(Entry entry) {
        Map<String, Bump> tenantBumps = bumps.get(entry.key().tenantId());
        if (tenantBumps == null) {
            return false;
        }
        for (String field : entry.fields()) {
            Bump bump = tenantBumps.get(field);
            if (bump != null && bump.at() > entry.stamp()) {
                return true;
            }
        }
        return false;
    }

    private void pruneBumps() {
        long before = System.currentTimeMillis() - maxTtlMillis * 2;
        bumps.values().forEach(tenantBumps -> tenantBumps.values().removeIf(bump -> bump.wallMillis() < before));
        bumps.values().removeIf(Map::isEmpty);
    }

    void clear() {
        epochs.values().forEach(AtomicLong::incrementAndGet);
        entries.invalidateAll();
    }

    void usable(boolean usable) {
        this.usable = usable;
        clear();
    }

    long size() {
        return entries.estimatedSize();
    }

    private record Entry(CacheKey key, Object value, long stamp, List<String> fields) {
        Entry(CacheKey key, Object value, long stamp) {
            this(key, value, stamp, key.generationFields());
        }
    }

    private record Bump(long at, long wallMillis) {
    }
}
