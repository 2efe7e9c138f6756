package dev.stockroom.resilience;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.stockroom.cache.RedisCommands;
import dev.stockroom.support.Api;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The service starts while Redis is down, serves from the database, and uses Redis once it appears. */
@QuarkusTest
@Tag("resilience")
@WithTestResource(value = OwnRedis.class, initArgs = @ResourceArg(name = "started", value = "false"))
class RedisLateStartTest {

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry registry;

    @Test
    void startsWithoutRedisAndPicksItUpWhenItAppears() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'Redis' }.data.reachable", is(false));
        Api.TestTenant tenant = Api.newTenant("late-redis");
        String id = createProduct(tenant.adminKey(), product("LATE-1", "Served without Redis", "1.00", 1, "late"));
        for (int i = 0; i < 3; i++) {
            as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200).body("name", is("Served without Redis"));
        }
        double degraded = Counters.sum(registry, "ratelimit.decisions", "outcome", "degraded");
        assertTrue(degraded > 0, "the limiter ran in its failure mode");

        OwnRedis.server().launch();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            given().get("/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'Redis' }.data.reachable", is(true))
                    .body("checks.find { it.name == 'Redis' }.data.invalidationBus", is("connected"));
            as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200);
            var commands = RedisCommands.withoutBus(RedisCommands.byCommand(redis)); // this test's own Redis
            assertTrue(commands.getOrDefault("evalsha", 0L) > 0, "cache and limiter scripts run in Redis: " + commands);
        });
        // Circuit breakers close after their delay: then a read is a cache hit and the limiter decides in Redis.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            double degradedBefore = Counters.sum(registry, "ratelimit.decisions", "outcome", "degraded");
            double hitsBefore = Counters.sum(registry, "cache.gets", "cache", "product", "result", "hit");
            as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200).body("name", is("Served without Redis"));
            assertEquals(degradedBefore, Counters.sum(registry, "ratelimit.decisions", "outcome", "degraded"), "limited in Redis");
            assertTrue(Counters.sum(registry, "cache.gets", "cache", "product", "result", "hit") > hitsBefore, "a cache hit");
        });
    }
}
