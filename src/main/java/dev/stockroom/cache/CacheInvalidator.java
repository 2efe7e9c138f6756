package dev.stockroom.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContext;
import dev.stockroom.tenancy.TenantDeleted;
import dev.stockroom.transaction.AfterCommit;

/**
 * What a write calls to say which cached entries it made stale. Every purge is O(1): it bumps a generation
 * counter in Redis, and entries stored under the old generation are never served again (they expire by
 * themselves). Inside a transaction the invalidation happens after commit, and only if it commits; the
 * {@link InvalidationRelay} takes it to Redis and to every instance's near cache.
 */
@ApplicationScoped
public class CacheInvalidator {

    private final TenantContext tenant;
    private final InvalidationOutbox outbox;
    private final AfterCommit afterCommit;
    private final CacheKeys keys;
    private final CachedMethods methods;
    private final CacheConfig config;
    private final CacheRefresher refresher;
    private final CacheWarming warming;

    CacheInvalidator(TenantContext tenant, InvalidationOutbox outbox, AfterCommit afterCommit, CacheKeys keys,
            CachedMethods methods, CacheConfig config, CacheRefresher refresher, CacheWarming warming) {
        this.tenant = tenant;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.keys = keys;
        this.methods = methods;
        this.config = config;
        this.refresher = refresher;
        this.warming = warming;
    }

    /**
     * The entry a tenant-scoped method of {@code cache} holds for these arguments, which must be that method's
     * own: arguments that fit no method of the cache fail with {@link IllegalArgumentException}.
     */
    public void invalidate(String cache, Object... arguments) {
        methods.requireEntry(cache, arguments);
        UUID tenantId = tenant.requireTenantId();
        invalidateAfterCommit(tenantId, List.of(InvalidationScope.entry(keys.entryKey(tenantId, cache, arguments))));
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

    /**
     * Every entry carrying one of the tags, in any cache. Only declared tags: each is a field of the tenant's
     * generation hash, which must not grow with whatever a caller names.
     */
    public void invalidateTags(String... tags) {
        List<InvalidationScope> scopes = new ArrayList<>();
        for (String tag : tags) {
            if (!methods.declaresTag(tag)) {
                throw new IllegalArgumentException("No @TenantCached method declares tag '" + tag + "'");
            }
            scopes.add(InvalidationScope.generation(CacheKey.Generation.tag(tag)));
        }
        invalidateAfterCommit(tenant.requireTenantId(), scopes);
    }

    /** Every entry of one declared cache; then the warmers refill what they cover. */
    public void invalidateCache(String cache) {
        if (!methods.declaresCache(cache)) {
            throw new IllegalArgumentException("No @TenantCached method declares cache '" + cache + "'");
        }
        invalidateAfterCommit(tenant.requireTenantId(),
                List.of(InvalidationScope.generation(CacheKey.Generation.cache(cache))));
        warmAfterCommit();
    }

    /** Every entry of the current tenant; then the warmers refill what they cover. */
    public void purgeTenant() {
        purgeTenant(tenant.requireTenantId());
        warmAfterCommit();
    }

    /** Every entry of a tenant, for platform work such as deleting it. */
    public void purgeTenant(UUID tenantId) {
        invalidateAfterCommit(tenantId, List.of(InvalidationScope.generation(CacheKey.Generation.tenant())));
    }

    /** Every caller-scoped entry of one API key (by the random part of its prefix), e.g. when it is revoked. */
    public void purgeCaller(UUID tenantId, String keyPrefix) {
        invalidateAfterCommit(tenantId, List.of(InvalidationScope.generation(CacheKey.Generation.caller(keyPrefix))));
    }

    void onTenantDeleted(@Observes TenantDeleted deleted) {
        purgeTenant(deleted.tenantId());
    }

    private void warmAfterCommit() {
        TenantCaller caller = tenant.caller().orElseThrow();
        afterCommit.run(() -> warming.warm(caller));
    }

    /** Recorded in the write's transaction (the outbox), relayed after it commits. */
    private void invalidateAfterCommit(UUID tenantId, List<InvalidationScope> scopes) {
        UUID recorded = outbox.record(tenantId, scopes);
        afterCommit.run(() -> outbox.relay(recorded, tenantId, scopes));
    }
}
