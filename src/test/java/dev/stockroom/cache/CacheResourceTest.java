package dev.stockroom.cache;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.operator;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CacheResourceTest {

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
