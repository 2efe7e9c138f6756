package dev.stockroom.cache;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.operator;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CacheResourceTest {

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

    @Test
    void statisticsAndPurgesForTheTenantsAdmin() {
        TestTenant tenant = newTenant("cachestats");
        String key = tenant.adminKey();
        String id = createProduct(key, product("CS-1", "Counted", "1.00", 5, "x"));
        as(key).get("/api/v1/products/" + id).then().statusCode(200);
        as(key).get("/api/v1/products").then().statusCode(200);

        as(key).get("/api/v1/cache/stats").then().statusCode(200)
                .body("caches.product.misses", greaterThanOrEqualTo(1))
                .body("caches.product.entries", equalTo(1))
                .body("caches.product.bytes", greaterThan(50))
                .body("caches.product-pages.entries", equalTo(1));

        as(key).delete("/api/v1/cache/tags/products").then().statusCode(204);
        as(key).delete("/api/v1/cache/caches/product-pages").then().statusCode(204);
        as(key).delete("/api/v1/cache").then().statusCode(204);
        as(key).get("/api/v1/products/" + id).then().statusCode(200).body("name", equalTo("Counted"));

        String member = newKey(tenant, "MEMBER");
        as(member).get("/api/v1/cache/stats").then().statusCode(403);
        as(member).delete("/api/v1/cache").then().statusCode(403);
        operator().get("/admin/cache/stats").then().statusCode(200)
                .body("gets.product", notNullValue());
    }

    @Test
    void aReadAfterACommittedWriteIsNeverStale() {
        TestTenant tenant = newTenant("fresh");
        String key = tenant.adminKey();
        String id = createProduct(key, product("FR-1", "Before", "1.00", 5, "x"));
        for (int round = 1; round <= 5; round++) {
            as(key).get("/api/v1/products/" + id).then().statusCode(200);
            as(key).get("/api/v1/products?category=x").then().statusCode(200);
            as(key).get("/api/v1/products/summary").then().statusCode(200);
            as(key).body(product("FR-1", "After " + round, "1.00", 5 + round, "x")).put("/api/v1/products/" + id)
                    .then().statusCode(200);
            as(key).get("/api/v1/products/" + id).then().body("name", equalTo("After " + round));
            as(key).get("/api/v1/products?category=x").then().body("items[0].name", equalTo("After " + round));
            as(key).get("/api/v1/products/summary").then().body("total.stock", equalTo(5 + round));
        }
        as(key).body(Map.of("lines", List.of(Map.of("productId", id, "quantity", 2)))).post("/api/v1/orders")
                .then().statusCode(201);
        as(key).get("/api/v1/products/" + id).then().body("stock", equalTo(8));
        as(key).get("/api/v1/products/summary").then().body("total.stock", equalTo(8));
        as(key).get("/api/v1/orders").then().body("items.size()", equalTo(1));
    }
}
