package dev.stockroom.cache;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Redis state of the cache stays bounded: by what code declares, and by the entries it indexes. */
@QuarkusTest
class CacheStateBoundsTest {

    @Inject
    RedisDataSource redis;

    @Test
    void onlyDeclaredTagsAndCachesCanBePurged() {
        TestTenant tenant = newTenant("undeclared");
        as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200);
        List<String> before = redis.hash(String.class).hkeys(CacheKey.generations(tenant.id()));
        as(tenant.adminKey()).delete("/api/v1/cache/tags/" + "x".repeat(4000)).then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("/not-found"));
        as(tenant.adminKey()).delete("/api/v1/cache/caches/no-such-cache").then().statusCode(404)
                .contentType("application/problem+json");
        assertEquals(before, redis.hash(String.class).hkeys(CacheKey.generations(tenant.id())),
                "no field was added to the generation hash");
    }

    @Test
    void theEntryIndexLivesAsLongAsItsLongestEntry() {
        TestTenant tenant = newTenant("index-ttl");
        String id = createProduct(tenant.adminKey(), product("IX-1", "Long lived", "1.00", 5, "x"));
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200); // product: 10 minutes
        as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200); // product-pages: 1 minute, stored last
        long ttl = redis.key().pttl(CacheKey.index(tenant.id()));
        assertTrue(ttl > 5 * 60_000, "the index expires with the 10-minute entry, not the 1-minute one: " + ttl);
    }
}
