package dev.stockroom.cache;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.http.Problem;
import dev.stockroom.tenancy.TenantContext;

/** The current tenant's figures per cache, as Redis counts them for every instance. */
@ApplicationScoped
public class CacheStatistics {

    private final TenantContext tenant;
    private final RedisCacheStore redis;

    CacheStatistics(TenantContext tenant, RedisCacheStore redis) {
        this.tenant = tenant;
        this.redis = redis;
    }

    /**
     * Per cache of the current tenant: hits, misses, hit ratio, entries and bytes held in Redis. Only Redis
     * has them: while it is away or slow, 503 {@code cache-statistics-unavailable}.
     */
    public Map<String, CacheFigures> ofCurrentTenant() {
        Map<String, long[]> rows;
        try {
            rows = redis.statistics(tenant.requireTenantId()).await().indefinitely();
        } catch (RuntimeException redisAway) {
            throw Problem.of(503, "cache-statistics-unavailable")
                    .detail("Cache statistics are kept in Redis, which cannot be reached right now; retry shortly")
                    .exception();
        }
        Map<String, CacheFigures> figures = new LinkedHashMap<>();
        rows.forEach((name, row) -> figures.put(name, CacheFigures.of(row[0], row[1], row[2], row[3])));
        return figures;
    }
}
