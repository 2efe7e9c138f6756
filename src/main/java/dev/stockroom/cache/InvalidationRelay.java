package dev.stockroom.cache;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.stockroom.redis.Invalidation;
import dev.stockroom.redis.InvalidationBus;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Takes committed invalidations to Redis first (the generation bumps every instance reads) and then to the
 * near caches of every instance over the invalidation bus. What cannot reach Redis is kept and sent again
 * every second; meanwhile this instance reads that tenant's entries from the database only.
 */
@ApplicationScoped
class InvalidationRelay {

    private final RedisCacheStore redis;
    private final TwoLevelCache cache;
    private final InvalidationBus bus;
    private final Map<UUID, Set<InvalidationScope>> unsent = new ConcurrentHashMap<>();

    InvalidationRelay(RedisCacheStore redis, TwoLevelCache cache, InvalidationBus bus) {
        this.redis = redis;
        this.cache = cache;
        this.bus = bus;
    }

    /** True when Redis has the invalidation; false when it is kept here for retry. */
    boolean send(UUID tenantId, List<InvalidationScope> scopes) {
        boolean applied = true;
        try {
            redis.invalidate(tenantId, scopes).await().indefinitely();
        } catch (RuntimeException e) {
            applied = false;
            boolean first = !unsent.containsKey(tenantId);
            unsent.computeIfAbsent(tenantId, id -> ConcurrentHashMap.newKeySet()).addAll(scopes);
            // Once per tenant and outage: a busy tenant would otherwise log every write while Redis is away.
            Log.logf(first ? Logger.Level.WARN : Logger.Level.DEBUG, "Cache invalidation of tenant %s kept for retry: %s",
                    tenantId, e.toString());
            cache.unsynced(tenantId, true);
        }
        scopes.forEach(scope -> bus.publish(Invalidation.of(TwoLevelCache.CACHE_TOPIC, tenantId, scope.encoded())));
        return applied;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryUnsent() {
        for (UUID tenantId : new ArrayList<>(unsent.keySet())) {
            Set<InvalidationScope> scopes = unsent.remove(tenantId);
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
}
