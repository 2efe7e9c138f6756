package dev.stockroom.observability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void readinessReportsDatabaseAndRedis() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Redis", "Database connections health check"))
                .body("checks.find { it.name == 'Redis' }.data.reachable", equalTo(true))
                .body("checks.find { it.name == 'Redis' }.data.invalidationBus", equalTo("connected"));
    }

    @Test
    void livenessAndStartupAreUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsIncludeHttpPoolAndJvm() {
        given().get("/q/health/ready").then().statusCode(200);
        // At least one application request recorded (health probes are not), whatever ran before.
        Api.invalid().get("/api/v1/products").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds"))
                .body(containsString("agroal_active_count"))
                .body(containsString("jvm_memory_used_bytes"))
                // the service's own executors are managed beans, reported like any other
                .body(containsString("executor_pool_size_threads{name=\"stockroom-redis-calls\""))
                .body(containsString("executor_pool_size_threads{name=\"stockroom-redis-timeouts\""));
    }

    @Test
    void openApiDescribesTheApi() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/admin/tenants"))
                .body("paths", hasKey("/api/v1/api-keys"));
    }
}
