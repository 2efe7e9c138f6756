package dev.stockroom.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import dev.stockroom.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The service's database connections are killed (pg_terminate_backend) again and again under load: every
 * request succeeds or fails cleanly with a 503 problem, no acknowledged write is lost, and the service
 * recovers by itself.
 */
@QuarkusTest
@Tag("resilience")
class DatabaseKillTest {

    @Test
    void killedConnectionsFailCleanlyAndLoseNothing() throws Exception {
        Api.TestTenant tenant = Api.newTenant("db-kill", "ENTERPRISE");
        String key = tenant.adminKey();
        Http http = Http.local();
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seeded.add(Api.createProduct(key, Api.product("KILL-" + i, "Seeded " + i, "1.00", 1000, "kill")));
        }
        AtomicInteger sku = new AtomicInteger();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        SteadyLoad load = new SteadyLoad()
                .add("write", 3, 30, () -> {
                    var response = http.send("POST", "/api/v1/products", key, "{\"sku\":\"W-" + sku.incrementAndGet()
                            + "\",\"name\":\"Written\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}");
                    if (response.statusCode() == 201) {
                        acknowledged.add(JsonPath.from(response.body()).getString("id"));
                    }
                    return response;
                })
                .add("order", 1, 30, SteadyLoad.cycling(seeded, id -> http.send("POST", "/api/v1/orders", key,
                        "{\"lines\":[{\"productId\":\"" + id + "\",\"quantity\":1}]}")))
                .add("read", 1, 30, () -> http.get("/api/v1/products?category=kill&limit=20", key));
        int killed = 0;
        try (load; Connection admin = Database.connect(); Statement statement = admin.createStatement()) {
            Thread.sleep(1_000);
            load.phase("kills");
            long end = System.currentTimeMillis() + 8_000;
            while (System.currentTimeMillis() < end) {
                var rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
                rows.next();
                killed += rows.getInt(1);
                Thread.sleep(250);
            }
            load.phase("settling");
            Thread.sleep(3_000);
            load.phase("after");
            Thread.sleep(2_000);
        }

        assertTrue(killed > 20, "connections were killed: " + killed);
        assertTrue(load.count(null, "after", 0) > 10
                && load.unsuccessful().stream().noneMatch(a -> a.phase().equals("after")),
                "recovered by itself within 3 s of the last kill: " + load.summary());
        for (SteadyLoad.Answer answer : load.unsuccessful()) {
            boolean clean = answer.status() < 300 || (answer.status() == 503 && answer.problem());
            assertTrue(clean, "a success or a 503 problem: " + answer + " in " + load.summary());
        }
        assertTrue(load.count(null, "kills", 503) > 0, "some requests met a killed connection: " + load.summary());
        assertTrue(load.count(null, "kills", 200) + load.count(null, "kills", 201) > 20,
                "requests still succeeded during the kills: " + load.summary());
        long stored = Database.count("SELECT count(*) FROM products WHERE tenant_id = ? AND id = ANY (?)", tenant.id(),
                acknowledged.stream().map(UUID::fromString).toArray(UUID[]::new));
        assertEquals(acknowledged.size(), stored, "every product answered 201 is in the database");
        long orders = load.count("order", null, 201);
        long orderRows = Database.count("SELECT count(*) FROM orders WHERE tenant_id = ?", tenant.id());
        assertTrue(orderRows >= orders, "every order answered 201 is in the database: " + orderRows + " < " + orders);
        long sold = Database.count("SELECT coalesce(sum(quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                + "WHERE o.tenant_id = ?", tenant.id());
        long stock = Database.count("SELECT sum(stock) FROM products WHERE tenant_id = ? AND sku LIKE 'KILL-%'", tenant.id());
        assertEquals(10 * 1000, stock + sold, "stock and sold units add up: no unit lost or sold twice");
    }
}
