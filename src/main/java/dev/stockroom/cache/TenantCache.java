package dev.stockroom.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.stockroom.redis.AfterCommit;
import dev.stockroom.redis.Invalidation;
import dev.stockroom.redis.InvalidationBus;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContext;
import dev.stockroom.tenancy.TenantDeleted;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Invalidates cached entries. Every purge is O(1): it bumps a generation counter in Redis, and entries stored
 * under the old generation are never served again (they expire by themselves). Inside a transaction the purge
 * happens after commit, and only if it commits; the Redis bump comes first, then the near caches of every
 * instance are told over the invalidation bus. An invalidation that cannot reach Redis is kept and retried
 * every second; meanwhile this instance reads that tenant's entries from the database only.
 */
@ApplicationScoped
public class TenantCache {

    private final TenantContext tenant;
    private final RedisCacheStore redis;
    private final TwoLevelCache cache;
    private final InvalidationBus bus;
    private final AfterCommit afterCommit;
    private final CacheKeys keys;
    private final CacheConfig config;
    private final CacheRefresher refresher;
    private final CacheWarming warming;
    private final Map<UUID, Set<String>> unsent = new ConcurrentHashMap<>();

    TenantCache(TenantContext tenant, RedisCacheStore redis, TwoLevelCache cache, InvalidationBus bus,
            AfterCommit afterCommit, CacheKeys keys, CacheConfig config, CacheRefresher refresher,
            CacheWarming warming) {
        this.tenant = tenant;
        this.redis = redis;
        this.cache = cache;
        this.bus = bus;
        this.afterCommit = afterCommit;
        this.keys = keys;
        this.config = config;
        this.refresher = refresher;
        this.warming = warming;
    }

    /** The entry a tenant-scoped method of {@code cache} would hold for these arguments. */
    public void invalidate(String cache, Object... arguments) {
        UUID tenantId = tenant.requireTenantId();
        invalidateAfterCommit(tenantId, List.of("e:" + keys.entryKey(tenantId, cache, arguments)));
    }

    /**
     * Write-through, for caches configured with {@code write-through=true}: after commit, {@code reload} (a call
     * of the cached method) runs in the background as this tenant, so the committed value is cached before the
     * next read asks for it. Reloading, rather than storing the writer's copy, keeps the conditional store: of
     * two writers committing in turn, the later value always ends up cached.
     */
    public void refresh(String cache, Runnable reload) {
        CacheConfig.Cache named = config.caches().get(cache);
        if (!config.enabled() || named == null || !named.writeThrough()) {
            return;
        }
        TenantCaller caller = tenant.caller().orElseThrow();
        TenantCaller system = TenantCaller.system(caller.tenantId(), caller.plan());
        afterCommit.run(() -> refresher.submit(system, "write-through of " + cache, reload));
    }

    /** Every entry carrying one of the tags, in any cache. */
    public void invalidateTags(String... tags) {
        List<String> scopes = new ArrayList<>();
        for (String tag : tags) {
            scopes.add(CacheKey.Generation.tag(tag));
        }
        invalidateAfterCommit(tenant.requireTenantId(), scopes);
    }

    /** Every entry of one named cache; then the warmers refill what they cover. */
    public void invalidateCache(String cache) {
        invalidateAfterCommit(tenant.requireTenantId(), List.of(CacheKey.Generation.cache(cache)));
        warmAfterCommit();
    }

    /** Every entry of the current tenant; then the warmers refill what they cover. */
    public void purgeTenant() {
        purgeTenant(tenant.requireTenantId());
        warmAfterCommit();
    }

    private void warmAfterCommit() {
        TenantCaller caller = tenant.caller().orElseThrow();
        afterCommit.run(() -> warming.warm(caller));
    }

    /** Every entry of a tenant, for platform work such as deleting it. */
    public void purgeTenant(UUID tenantId) {
        invalidateAfterCommit(tenantId, List.of(CacheKey.Generation.tenant()));
    }

    void onTenantDeleted(@Observes TenantDeleted deleted) {
        purgeTenant(deleted.tenantId());
    }

    /** Every caller-scoped entry of one API key (by the random part of its prefix), e.g. when it is revoked. */
    public void purgeCaller(UUID tenantId, String keyPrefix) {
        invalidateAfterCommit(tenantId, List.of(CacheKey.Generation.caller(keyPrefix)));
    }

    private void invalidateAfterCommit(UUID tenantId, List<String> scopes) {
        afterCommit.run(() -> apply(tenantId, scopes));
    }

    private void apply(UUID tenantId, List<String> scopes) {
        try {
            redis.invalidate(tenantId, scopes).await().indefinitely();
        } catch (RuntimeException e) {
            boolean first = !unsent.containsKey(tenantId);
            unsent.computeIfAbsent(tenantId, id -> ConcurrentHashMap.newKeySet()).addAll(scopes);
            // Once per tenant and outage: a busy tenant would otherwise log every write while Redis is away.
            Log.logf(first ? Logger.Level.WARN : Logger.Level.DEBUG, "Cache invalidation of tenant %s kept for retry: %s",
                    tenantId, e.toString());
            cache.unsynced(tenantId, true);
        }
        scopes.forEach(scope -> bus.publish(Invalidation.of(TwoLevelCache.CACHE_TOPIC, tenantId, scope)));
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryUnsent() {
        for (UUID tenantId : new ArrayList<>(unsent.keySet())) {
            Set<String> scopes = unsent.remove(tenantId);
            if (scopes == null) {
                continue;
            }
            try {
                redis.invalidate(tenantId, new ArrayList<>(new LinkedHashSet<>(scopes))).await().indefinitely();
                cache.unsynced(tenantId, false);
                Log.infof("Cache invalidation of tenant %s replayed", tenantId);
            } catch (RuntimeException e) {
                unsent.computeIfAbsent(tenantId, id -> ConcurrentHashMap.newKeySet()).addAll(scopes);
                return;
            }
        }
    }

    /** Per cache of the current tenant: hits, misses, hit ratio, entries and bytes held in Redis. */
    public Map<String, CacheFigures> statistics() {
        Map<String, CacheFigures> figures = new LinkedHashMap<>();
        redis.statistics(tenant.requireTenantId()).await().indefinitely()
                .forEach((name, row) -> figures.put(name, CacheFigures.of(row[0], row[1], row[2], row[3])));
        return figures;
    }
}
