package dev.stockroom.catalog;

import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ProductBatchTest {

    @Test
    void appliesEveryOperationInOneGo() {
        TestTenant tenant = newTenant("batch");
        String key = tenant.adminKey();
        String kept = createProduct(key, product("B-1", "Kept", "1.00", 1, "x"));
        String gone = createProduct(key, product("B-2", "Gone", "1.00", 1, "x"));

        as(key).body(Map.of("operations", List.of(
                Map.of("op", "create", "product", product("B-3", "New", "2.00", 5, "x")),
                Map.of("op", "update", "id", kept, "ifVersion", 0, "product", product("B-1", "Kept v2", "1.50", 1, "x")),
                Map.of("op", "delete", "id", gone),
                Map.of("op", "create", "product", product("B-2", "Reuses a deleted SKU", "2.00", 5, "x")))))
                .post("/api/v1/products/batch")
                .then().statusCode(200)
                .body("results", hasSize(4))
                .body("results[1].version", equalTo(1))
                .body("results[2].op", equalTo("delete"));

        as(key).get("/api/v1/products").then().statusCode(200)
                .body("items.sku", containsInAnyOrder("B-1", "B-2", "B-3"))
                .body("items.find { it.sku == 'B-1' }.name", equalTo("Kept v2"));
    }

    @Test
    void oneRejectedOperationRejectsTheWholeBatch() {
        TestTenant tenant = newTenant("batchfail");
        String key = tenant.adminKey();
        String existing = createProduct(key, product("BF-1", "Existing", "1.00", 1, "x"));

        as(key).body(Map.of("operations", List.of(
                Map.of("op", "create", "product", product("BF-2", "Fine", "2.00", 5, "x")),
                Map.of("op", "create", "product", product("BF-1", "Duplicate SKU", "2.00", 5, "x")),
                Map.of("op", "update", "id", existing, "ifVersion", 3, "product", product("BF-1", "Stale", "1.00", 1, "x")),
                Map.of("op", "delete", "id", UUID.randomUUID().toString()),
                Map.of("op", "delete"))))
                .post("/api/v1/products/batch")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/batch-rejected"))
                .body("errors.index", equalTo(List.of(1, 2, 3, 4)));

        as(key).get("/api/v1/products").then().body("items.sku", equalTo(List.of("BF-1")))
                .body("items[0].name", equalTo("Existing"));
    }

    @Test
    void invalidItemsAreNamedByTheirPosition() {
        String key = newTenant("batchinvalid").adminKey();
        invalidAs(key).body(Map.of("operations", List.of(
                Map.of("op", "create", "product", product("OK-1", "Fine", "2.00", 5, "x")),
                Map.of("op", "create", "product", product("", "Bad", "-2.00", 5, "x")))))
                .post("/api/v1/products/batch")
                .then().statusCode(400)
                .body("errors.field", hasItem("operations[1].product.price"));
    }

    @Test
    void atMost500Operations() {
        String key = newTenant("batchbig").adminKey();
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            operations.add(Map.of("op", "create", "product", product("BIG-" + i, "P" + i, "1.00", 1, "x")));
        }
        invalidAs(key).body(Map.of("operations", operations)).post("/api/v1/products/batch").then().statusCode(400)
                .body("errors[0].field", equalTo("operations"));
        as(key).body(Map.of("operations", operations.subList(0, 500))).post("/api/v1/products/batch").then()
                .statusCode(200).body("results", hasSize(500));
    }
}
