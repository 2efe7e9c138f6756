package dev.stockroom.idempotency;

import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import dev.stockroom.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The Idempotency-Key contract on the three writes that take it: a retry replays the first response and
 * writes nothing, another request under the same key is refused (422), a duplicate of a request in flight is
 * refused (409), a failed request leaves its key free, stored responses expire. Stock and rows are counted
 * in the database, not taken from the responses.
 */
@QuarkusTest
class IdempotencyTest {

    @Inject
    IdempotencyRecords records;

    @Test
    void aRetriedOrderIsReplayedAndTakesStockOnce() throws Exception {
        TestTenant tenant = newTenant("idem-order");
        String member = newKey(tenant, "MEMBER");
        String id = createProduct(member, product("I-1", "Idempotent", "2.50", 10, "x"));
        Map<String, Object> order = Map.of("lines", List.of(Map.of("productId", id, "quantity", 3)));
        String key = "\"" + UUID.randomUUID() + "\"";

        Response first = as(member).header("Idempotency-Key", key).body(order).post("/api/v1/orders");
        first.then().statusCode(201);
        assertNull(first.header("Idempotent-Replayed"));
        // Another key of the same tenant retries: keys are the tenant's, not the API key's.
        Response retry = as(tenant.adminKey()).header("Idempotency-Key", key).body(order).post("/api/v1/orders");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").contentType("application/json");
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.jsonPath().getMap(""), retry.jsonPath().getMap(""));

        assertEquals(1, Database.count("select count(*) from orders where tenant_id = ?", tenant.id()));
        assertEquals(7, Database.count("select stock from products where id = ?::uuid", id));
    }

    @Test
    void aRetriedProductCreationAndBatchAreReplayedWithTheirHeaders() throws Exception {
        TestTenant tenant = newTenant("idem-product");
        Map<String, Object> body = product("I-2", "Once", "1.00", 1, "x");
        Response first = as(tenant.adminKey()).header("Idempotency-Key", "create-1").body(body).post("/api/v1/products");
        first.then().statusCode(201);
        Response retry = as(tenant.adminKey()).header("Idempotency-Key", "create-1").body(body).post("/api/v1/products");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("ETag", first.header("ETag")).header("Location", first.header("Location"));
        assertEquals(1, Database.count("select count(*) from products where tenant_id = ?", tenant.id()));

        Map<String, Object> batch = Map.of("operations", List.of(Map.of("op", "create", "product",
                product("I-3", "Batched", "1.00", 1, "x"))));
        String answer = as(tenant.adminKey()).header("Idempotency-Key", "batch-1").body(batch)
                .post("/api/v1/products/batch").then().statusCode(200).extract().asString();
        as(tenant.adminKey()).header("Idempotency-Key", "batch-1").body(batch).post("/api/v1/products/batch")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body(equalTo(answer));
        assertEquals(2, Database.count("select count(*) from products where tenant_id = ?", tenant.id()));
    }

    @Test
    void theSameKeyForAnotherRequestIs422() {
        TestTenant tenant = newTenant("idem-mismatch");
        as(tenant.adminKey()).header("Idempotency-Key", "k").body(product("I-4", "A", "1.00", 1, "x"))
                .post("/api/v1/products").then().statusCode(201);
        as(tenant.adminKey()).header("Idempotency-Key", "k").body(product("I-4", "A", "9.00", 1, "x"))
                .post("/api/v1/products").then().statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/idempotency-key-reused"));
        // The same body on another endpoint is another request too.
        invalidAs(tenant.adminKey()).header("Idempotency-Key", "k").body(Map.of("lines", List.of()))
                .post("/api/v1/orders").then().statusCode(422).body("type", endsWith("/idempotency-key-reused"));
        // Member order and formatting do not make a request different.
        as(tenant.adminKey()).header("Idempotency-Key", "k").contentType("application/json")
                .body("{\"tags\":[],\"category\":\"x\",\"stock\":1,\"currency\":\"EUR\",\"description\":\"About A\","
                        + "\"price\":1.00,\"name\":\"A\",\"sku\":\"I-4\"}")
                .post("/api/v1/products").then().statusCode(201).header("Idempotent-Replayed", "true");
        // Keys are per tenant.
        TestTenant other = newTenant("idem-other");
        as(other.adminKey()).header("Idempotency-Key", "k").body(product("I-4", "A", "9.00", 1, "x"))
                .post("/api/v1/products").then().statusCode(201);
    }

    @Test
    void aDuplicateOfARequestInFlightIs409() throws Exception {
        TestTenant tenant = newTenant("idem-inflight");
        String id = createProduct(tenant.adminKey(), product("I-5", "Held", "1.00", 10, "x"));
        Map<String, Object> order = Map.of("lines", List.of(Map.of("productId", id, "quantity", 1)));
        CompletableFuture<Response> first;
        // The test holds the product's row, so the first order waits inside its transaction, key taken.
        try (Connection holder = Database.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select 1 from products where id = ?::uuid for update")) {
                lock.setString(1, id);
                lock.executeQuery();
            }
            first = CompletableFuture.supplyAsync(() -> as(tenant.adminKey()).header("Idempotency-Key", "held")
                    .body(order).post("/api/v1/orders"));
            await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%products%'") > 0);

            as(tenant.adminKey()).header("Idempotency-Key", "held").body(order).post("/api/v1/orders")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("type", endsWith("/idempotency-key-in-use"));
            holder.rollback();
        }
        first.get().then().statusCode(201);
        as(tenant.adminKey()).header("Idempotency-Key", "held").body(order).post("/api/v1/orders")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(9, Database.count("select stock from products where id = ?::uuid", id));
    }

    @Test
    void aFailedRequestLeavesItsKeyFreeAndStoredResponsesExpire() throws Exception {
        TestTenant tenant = newTenant("idem-failed");
        String id = createProduct(tenant.adminKey(), product("I-6", "Scarce", "1.00", 1, "x"));
        Map<String, Object> order = Map.of("lines", List.of(Map.of("productId", id, "quantity", 2)));
        as(tenant.adminKey()).header("Idempotency-Key", "scarce").body(order).post("/api/v1/orders")
                .then().statusCode(409).body("type", endsWith("/out-of-stock"));
        Database.update("update products set stock = 5 where id = ?::uuid", UUID.fromString(id));
        as(tenant.adminKey()).header("Idempotency-Key", "scarce").body(order).post("/api/v1/orders")
                .then().statusCode(201);

        // Past the retention the key is forgotten: purged, then free for another request.
        Database.update("update idempotency_keys set created_at = now() - interval '25 hours' where tenant_id = ?",
                tenant.id());
        records.purge();
        assertEquals(0, Database.count("select count(*) from idempotency_keys where tenant_id = ?", tenant.id()));
        as(tenant.adminKey()).header("Idempotency-Key", "scarce").body(Map.of("lines",
                List.of(Map.of("productId", id, "quantity", 1)))).post("/api/v1/orders").then().statusCode(201);
    }

    @Test
    void malformedKeysAre400() throws Exception {
        TestTenant tenant = newTenant("idem-bad");
        Map<String, Object> body = product("I-7", "Bad", "1.00", 1, "x");
        for (String bad : List.of("\"unterminated", "\"\"", "two words", "\"a\"b", "x".repeat(256), "\"\\n\"")) {
            invalidAs(tenant.adminKey()).header("Idempotency-Key", bad).body(body).post("/api/v1/products")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", endsWith("/invalid-idempotency-key"));
        }
        invalidAs(tenant.adminKey()).header("Idempotency-Key", "a").header("Idempotency-Key", "b").body(body)
                .post("/api/v1/products").then().statusCode(400).body("type", endsWith("/invalid-idempotency-key"));
        assertEquals(0, Database.count("select count(*) from products where tenant_id = ?", tenant.id()));
    }
}
