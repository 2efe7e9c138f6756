package dev.stockroom.cache;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;

/**
 * The in-memory layer in front of Redis (L1). Entries live at most {@code max-ttl}. An entry is dropped when
 * an invalidation that concerns it arrives; a load that raced with an invalidation of its tenant is never
 * stored (the tenant's epoch changed meanwhile); everything is dropped when the invalidation bus drops or
 * reconnects, since messages may have been missed, and nothing is stored while it is down.
 */
final class NearCache {

    private final Cache<String, Entry> entries;
    private final Map<UUID, AtomicLong> epochs = new ConcurrentHashMap<>();
    private volatile boolean usable;

    NearCache(int maxEntries, Duration maxTtl) {
        this.entries = LocalCaches.expiringAfterWrite(maxEntries, maxTtl);
    }

    Object get(CacheKey key) {
        if (!usable) {
            return null;
        }
        Entry entry = entries.getIfPresent(key.entry());
        return entry == null ? null : entry.value();
    }

    /** The tenant's epoch: read it before loading and hand it to {@link #put}. */
    long epoch(UUID tenantId) {
        return epochs.computeIfAbsent(tenantId, id -> new AtomicLong()).get();
    }

    void put(CacheKey key, Object value, long epochBeforeLoad) {
        if (usable && epoch(key.tenantId()) == epochBeforeLoad) {
            entries.put(key.entry(), new Entry(key, value));
            if (epoch(key.tenantId()) != epochBeforeLoad) {
                entries.invalidate(key.entry()); // an invalidation slipped in between the check and the put
            }
        }
    }

    /** Drops what an invalidation of {@code scope} concerns. */
    void invalidate(UUID tenantId, InvalidationScope scope) {
        epochs.computeIfAbsent(tenantId, id -> new AtomicLong()).incrementAndGet();
        switch (scope.kind()) {
            case ENTRY -> entries.invalidate(scope.value()); // entries are held by their entry key: no scan
            case GENERATION -> entries.asMap().values().removeIf(entry -> entry.key().tenantId().equals(tenantId)
                    && entry.key().generationFields().contains(scope.value()));
        }
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


    private record Entry(CacheKey key, Object value) {
    }
}
