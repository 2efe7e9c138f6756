package dev.stockroom.observability;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every metric the Grafana dashboard and the alert rules query is one that /q/metrics really exposes. */
@QuarkusTest
class MonitoringFilesTest {

    private static final Pattern METRIC = Pattern.compile("\\b([a-z][a-z0-9_]*_[a-z0-9_]+)\\s*(?=\\{|\\[|\\))");
    private static final Set<String> PROMQL = Set.of("histogram_quantile", "clamp_min", "group_left");

    @Test
    void dashboardAndAlertsNameExposedMetrics() throws IOException {
        String key = newTenant("monitoring").adminKey();
        String id = createProduct(key, product("MON-1", "Watched", "1.00", 10, "x"));
        as(key).get("/api/v1/products/" + id).then().statusCode(200);
        as(key).get("/api/v1/products/" + id).then().statusCode(200);
        as(key).body(Map.of("lines", List.of(Map.of("productId", id, "quantity", 1)))).post("/api/v1/orders").then().statusCode(201);
        System.gc();
        String exposed = given().get("/q/metrics").then().statusCode(200).extract().asString();

        Set<String> missing = new TreeSet<>();
        for (String file : List.of("deploy/monitoring/stockroom-dashboard.json", "deploy/monitoring/alerts.yml")) {
            Matcher names = METRIC.matcher(Files.readString(Path.of(file)));
            while (names.find()) {
                String name = names.group(1);
                if (!PROMQL.contains(name) && !Pattern.compile("(?m)^" + name + "[{ ]").matcher(exposed).find()) {
                    missing.add(file + ": " + name);
                }
            }
        }
        assertTrue(missing.isEmpty(), "not exposed: " + missing);
    }
}
