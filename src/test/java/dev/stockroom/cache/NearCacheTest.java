package dev.stockroom.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The near cache's purges are O(1): a tag, cache or tenant purge removes no entry when it happens (the
 * entries are still counted right after it) yet none of the purged entries is served again, while entries
 * of other tags and tenants, and entries stored after the purge, are.
 */
class NearCacheTest {

    private final UUID tenant = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void aTagPurgeTouchesNoEntryYetServesNoneOfThem() {
        NearCache near = new NearCache(50_000, Duration.ofMinutes(1));
        near.usable(true);
        for (int i = 0; i < 18_000; i++) {
            near.put(key(tenant, "product", "p" + i, "products"), "v" + i, near.epoch(tenant));
        }
        near.put(key(tenant, "order", "o", "orders"), "order", near.epoch(tenant));
        near.put(key(other, "product", "p0", "products"), "other", near.epoch(other));
        long size = near.size();

        near.invalidate(tenant, InvalidationScope.generation(CacheKey.Generation.tag("products")));
        assertEquals(size, near.size(), "the purge itself removed nothing: it is O(1)");

        for (int i = 0; i < 18_000; i += 997) {
            assertNull(near.get(key(tenant, "product", "p" + i, "products")));
        }
        assertEquals("order", near.get(key(tenant, "order", "o", "orders")), "another tag is kept");
        assertEquals("other", near.get(key(other, "product", "p0", "products")), "another tenant is kept");

        near.put(key(tenant, "product", "p1", "products"), "fresh", near.epoch(tenant));
        assertEquals("fresh", near.get(key(tenant, "product", "p1", "products")), "stored after the purge");
    }

    @Test
    void cacheAndTenantPurgesAreLazyToo() {
        NearCache near = new NearCache(1_000, Duration.ofMinutes(1));
        near.usable(true);
        near.put(key(tenant, "product", "a", "products"), "a", near.epoch(tenant));
        near.put(key(tenant, "order", "b", "orders"), "b", near.epoch(tenant));
        near.invalidate(tenant, InvalidationScope.generation(CacheKey.Generation.cache("product")));
        assertNull(near.get(key(tenant, "product", "a", "products")));
        assertEquals("b", near.get(key(tenant, "order", "b", "orders")));
        near.invalidate(tenant, InvalidationScope.generation(CacheKey.Generation.tenant()));
        assertNull(near.get(key(tenant, "order", "b", "orders")));
    }

    @Test
    void aLoadThatRacedAnInvalidationIsNotStored() {
        NearCache near = new NearCache(1_000, Duration.ofMinutes(1));
        near.usable(true);
        long before = near.epoch(tenant);
        near.invalidate(tenant, InvalidationScope.entry(key(tenant, "order", "x", "orders").entry()));
        near.put(key(tenant, "product", "a", "products"), "loaded before", before);
        assertNull(near.get(key(tenant, "product", "a", "products")));
    }

    private static CacheKey key(UUID tenant, String cache, String hash, String tag) {
        return new CacheKey(tenant, cache, hash, null, List.of(tag));
    }
}
