package dev.stockroom.ratelimit;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Each failure mode of the service's own policies with Redis unreachable, through public endpoints only, so
 * that {@code RedisFailureModesIT} runs the same checks against the jar and the native executable (where the
 * local limiter's Caffeine classes must be registered).
 */
@QuarkusTest
@TestProfile(RedisFailureModesProfile.class)
class RedisFailureModesTest {

    @Test
    void eachPolicyAppliesItsFailureMode() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Redis' }.data.reachable", equalTo(false));
        TestTenant tenant = newTenant("modes", "FREE");

        // api (limit 2) fails open: every read is admitted.
        for (int i = 0; i < 5; i++) {
            as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200);
        }

        // writes (limit 3) fails to the local limiter: this instance's share, then 429.
        String productId = null;
        for (int i = 0; i < 3; i++) {
            productId = createProduct(tenant.adminKey(), product("FM-" + i, "Mode " + i, "1.00", 10, "modes"));
        }
        as(tenant.adminKey()).body(product("FM-3", "Mode 3", "1.00", 10, "modes")).post("/api/v1/products")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", endsWith("/quota-exceeded"));

        // orders-create fails closed: 503 with a problem body, and no order is placed.
        as(tenant.adminKey()).body(Map.of("lines", List.of(Map.of("productId", productId, "quantity", 1))))
                .post("/api/v1/orders")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", endsWith("/rate-limiter-unavailable"));
        as(tenant.adminKey()).get("/api/v1/products/" + productId).then().statusCode(200).body("stock", equalTo(10));

        // What only Redis holds is unavailable, with a problem, not a 500.
        as(tenant.adminKey()).get("/api/v1/cache/stats").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", endsWith("/cache-statistics-unavailable"));
    }
}
