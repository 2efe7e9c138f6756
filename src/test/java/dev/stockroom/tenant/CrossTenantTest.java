package dev.stockroom.tenant;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

/** Every product and order endpoint, called with another tenant's id, answers 404 and changes nothing. */
@QuarkusTest
class CrossTenantTest {

    @Test
    void anotherTenantsIdsAreNotFoundOnEveryVerb() {
        TestTenant owner = newTenant("owner");
        TestTenant intruder = newTenant("intruder");
        String product = createProduct(owner.adminKey(), product("X-1", "Private", "5.00", 10, "x"));
        String order = as(owner.adminKey()).body(Map.of("lines", List.of(Map.of("productId", product, "quantity", 1))))
                .post("/api/v1/orders").then().statusCode(201).extract().path("id");
        String key = intruder.adminKey();

        as(key).get("/api/v1/products/" + product).then().statusCode(404).body("type", endsWith("/not-found"));
        as(key).header("If-None-Match", "\"v1\"").get("/api/v1/products/" + product).then().statusCode(404);
        as(key).body(product("X-1", "Hijacked", "0.01", 0, "x")).put("/api/v1/products/" + product).then().statusCode(404);
        as(key).header("If-Match", "\"v1\"").body(product("X-1", "Hijacked", "0.01", 0, "x"))
                .put("/api/v1/products/" + product).then().statusCode(404);
        as(key).delete("/api/v1/products/" + product).then().statusCode(404);
        as(key).get("/api/v1/orders/" + order).then().statusCode(404);
        as(key).body(Map.of("lines", List.of(Map.of("productId", product, "quantity", 1))))
                .post("/api/v1/orders").then().statusCode(404).body("type", endsWith("/product-not-found"));
        as(key).body(Map.of("operations", List.of(Map.of("op", "delete", "id", product),
                Map.of("op", "update", "id", product, "product", product("X-1", "Hijacked", "0.01", 0, "x")))))
                .post("/api/v1/products/batch").then().statusCode(422)
                .body("errors[0].reason", endsWith("was not found"));

        as(key).get("/api/v1/products").then().body("items.id", not(hasItem(product)));
        as(key).get("/api/v1/products/summary").then().body("total.products", equalTo(0));
        as(key).get("/api/v1/orders").then().body("items.id", not(hasItem(order)));

        as(owner.adminKey()).get("/api/v1/products/" + product).then().statusCode(200)
                .body("name", equalTo("Private")).body("stock", equalTo(9));
        as(owner.adminKey()).get("/api/v1/orders/" + order).then().statusCode(200);
    }
}
