package dev.stockroom.ratelimit;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.stockroom.redis.RedisBreaker;
import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(RedisUnreachableProfile.class)
class RedisUnreachableTest {

    @Test
    void theServiceIsReadyAndServesWithoutRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Redis' }.data.reachable", equalTo(false));
        TestTenant tenant = newTenant("noredis");
        as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200)
                .header("X-RateLimit-Limit", notNullValue());
        // Cached endpoints answer from the database, and writes are seen at once.
        String id = createProduct(tenant.adminKey(), product("NR-1", "Before", "1.00", 1, "x"));
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200).body("name", equalTo("Before"));
        as(tenant.adminKey()).body(product("NR-1", "After", "1.00", 1, "x"))
                .put("/api/v1/products/" + id).then().statusCode(200);
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200).body("name", equalTo("After"));
        as(tenant.adminKey()).get("/api/v1/products/summary").then().statusCode(200);
    }

    @Test
    void eachPolicyFailsAsConfigured() {
        for (int i = 0; i < 5; i++) {
            given().get("/test/rate-limit/open").then().statusCode(200);
        }
        given().get("/test/rate-limit/closed").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", endsWith("/rate-limiter-unavailable"));
        for (int i = 0; i < 3; i++) {
            given().get("/test/rate-limit/local").then().statusCode(200);
        }
        given().get("/test/rate-limit/local").then().statusCode(429).body("type", endsWith("/quota-exceeded"));
    }

    @Test
    void theLimitersCircuitBreakerOpensSoThatRequestsStopWaitingForRedis() {
        // The limiter's Redis call returns a Uni; the breaker must count its failures, not only exceptions
        // thrown by the call, or it would never open.
        for (int i = 0; i < 2 * RedisBreaker.REQUEST_VOLUME; i++) {
            given().get("/test/rate-limit/open").then().statusCode(200);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("ft_circuitbreaker_opened_total")
                && line.contains("RedisRateLimiter.decide") && !line.endsWith(" 0.0")), metrics.lines()
                        .filter(line -> line.startsWith("ft_circuitbreaker")).toList().toString());
    }
}
