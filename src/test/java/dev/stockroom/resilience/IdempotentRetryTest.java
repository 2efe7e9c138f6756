package dev.stockroom.resilience;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import dev.stockroom.support.Database;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Idempotency keys across a crash and a restart. The packaged jar takes an order under a key and is killed
 * with SIGKILL while the order waits inside its transaction: nothing is written and the key stays free. It
 * is started again, the order is retried and applied; it is killed once more right after that commit, and
 * the retry after the next start (and one through this test's own instance) replays the stored answer. The
 * stock and the orders are counted in the database: the order is applied exactly once.
 */
@QuarkusTest
@Tag("resilience")
class IdempotentRetryTest {

    @Test
    void aRetriedOrderIsAppliedOnceAcrossKillsAndRestarts() throws Exception {
        Api.TestTenant tenant = Api.newTenant("idem-restart");
        String productId = Api.createProduct(tenant.adminKey(), Api.product("RESTART-1", "Durable", "4.00", 10, "x"));
        String order = "{\"lines\":[{\"productId\":\"" + productId + "\",\"quantity\":3}]}";
        Map<String, String> key = Map.of("Idempotency-Key", "\"" + UUID.randomUUID() + "\"");

        SecondInstance instance = SecondInstance.start(Map.of());
        try (Connection holder = Database.connect()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select 1 from products where id = ?::uuid for update")) {
                lock.setString(1, productId);
                lock.executeQuery();
            }
            Http held = instance.http();
            CompletableFuture<Void> inFlight = CompletableFuture.runAsync(() -> {
                try {
                    held.send("POST", "/api/v1/orders", tenant.adminKey(), order, key);
                } catch (IllegalStateException killed) {
                    // The instance dies before it answers.
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> Database.count("select count(*) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and query ilike '%products%'") > 0);
            instance.kill();
            holder.rollback();
            inFlight.join();
        }
        // The dead client's transaction is rolled back by PostgreSQL, which releases its hold on the key.
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count(
                "select count(*) from pg_locks where locktype = 'advisory'") == 0);
        assertEquals(0, Database.count("select count(*) from orders where tenant_id = ?", tenant.id()));
        assertEquals(10, Database.count("select stock from products where id = ?::uuid", productId));

        instance = SecondInstance.start(Map.of());
        HttpResponse<String> applied = instance.http().send("POST", "/api/v1/orders", tenant.adminKey(), order, key);
        assertEquals(201, applied.statusCode(), applied.body());
        assertTrue(applied.headers().firstValue("Idempotent-Replayed").isEmpty());
        instance.kill();

        instance = SecondInstance.start(Map.of());
        try {
            for (Http retry : new Http[] { instance.http(), Http.local() }) {
                HttpResponse<String> replayed = retry.send("POST", "/api/v1/orders", tenant.adminKey(), order, key);
                assertEquals(201, replayed.statusCode(), replayed.body());
                assertEquals("true", replayed.headers().firstValue("Idempotent-Replayed").orElse(null));
                assertEquals(applied.body(), replayed.body());
                assertEquals(applied.headers().firstValue("Location"), replayed.headers().firstValue("Location"));
            }
        } finally {
            instance.close();
        }
        assertEquals(1, Database.count("select count(*) from orders where tenant_id = ?", tenant.id()));
        assertEquals(7, Database.count("select stock from products where id = ?::uuid", productId));
    }
}
