package dev.stockroom.ordering;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import dev.stockroom.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Requests that race for the same products, started together by a latch, many rounds each. Every answer
 * must be one the API documents for the race; none may be 5xx. Statuses are tallied per kind of request
 * ("order 201", "delete 409", ...) and printed.
 */
@QuarkusTest
class RaceCorpusTest {

    private static final int ROUNDS = 200;
    private static final int RACERS = 8;

    private ExecutorService clients;
    private String key;
    /** One key per racer: the races stay within each key's order limit however fast the rounds go. */
    private final List<String> racerKeys = new ArrayList<>();

    @BeforeEach
    void start() {
        clients = Executors.newFixedThreadPool(RACERS + 2);
        TestTenant tenant = newTenant("race", "ENTERPRISE");
        key = tenant.adminKey();
        for (int i = 0; i < RACERS; i++) {
            racerKeys.add(newKey(tenant, "MEMBER"));
        }
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    /** An order either took its stock before the delete or finds the product gone; the delete may lose to an order. */
    @Test
    void ordersRacingTheDeleteOfTheirProduct() throws Exception {
        Map<String, Integer> tally = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            String id = createProduct(key, product("DEL-" + round, "Raced", "1.00", 100, "race"));
            List<Racer> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String racerKey = racerKeys.get(i);
                racers.add(new Racer("order", () -> as(racerKey).body(order(id)).post("/api/v1/orders").statusCode()));
            }
            racers.add(new Racer("delete", () -> as(key).delete("/api/v1/products/" + id).statusCode()));
            race(racers, tally);
        }
        report("orders racing deletes", tally);
        assertEquals(ROUNDS, tally.getOrDefault("delete 204", 0) + tally.getOrDefault("delete 409", 0), tally.toString());
        assertOnly(tally, Set.of("order 201", "order 404", "delete 204", "delete 409"));
    }

    /** A batch updating two products in descending id order against orders taking both in ascending order. */
    @Test
    void batchesRacingOrdersInOppositeOrders() throws Exception {
        Map<String, Integer> tally = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            String first = createProduct(key, product("BA-" + round, "First", "1.00", 1000, "race"));
            String second = createProduct(key, product("BB-" + round, "Second", "1.00", 1000, "race"));
            boolean firstIsLow = first.compareTo(second) < 0;
            String low = firstIsLow ? first : second;
            String high = firstIsLow ? second : first;
            String lowSku = (firstIsLow ? "BA-" : "BB-") + round;
            String highSku = (firstIsLow ? "BB-" : "BA-") + round;
            Map<String, Object> batch = Map.of("operations", List.of(
                    Map.of("op", "update", "id", high, "product", product(highSku, "High", "2.00", 500, "race")),
                    Map.of("op", "update", "id", low, "product", product(lowSku, "Low", "2.00", 500, "race"))));
            Map<String, Object> order = Map.of("lines", List.of(Map.of("productId", low, "quantity", 1),
                    Map.of("productId", high, "quantity", 1)));
            List<Racer> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String racerKey = racerKeys.get(i);
                racers.add(new Racer("order", () -> as(racerKey).body(order).post("/api/v1/orders").statusCode()));
            }
            racers.add(new Racer("batch", () -> as(key).body(batch).post("/api/v1/products/batch").statusCode()));
            race(racers, tally);
        }
        report("batches racing orders", tally);
        assertOnly(tally, Set.of("order 201", "batch 200", "batch 409"));
    }

    /** Updates of one product without preconditions: the last write wins, or one learns it raced. */
    @Test
    void concurrentUpdatesOfOneProduct() throws Exception {
        Map<String, Integer> tally = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            String id = createProduct(key, product("UPD-" + round, "Raced", "1.00", 10, "race"));
            List<Racer> racers = new ArrayList<>();
            String sku = "UPD-" + round;
            for (int i = 0; i < RACERS; i++) {
                Map<String, Object> body = product(sku, "Writer " + i, "1.00", i, "race");
                String racerKey = racerKeys.get(i);
                racers.add(new Racer("update", () -> as(racerKey).body(body).put("/api/v1/products/" + id).statusCode()));
            }
            race(racers, tally);
        }
        report("concurrent updates", tally);
        assertOnly(tally, Set.of("update 200", "update 409"));
    }

    /**
     * Retries of one order under one Idempotency-Key, sent at once: exactly one is applied; the others are
     * refused while it runs (409) or replay it (201, marked), and the stock is taken once.
     */
    @Test
    void duplicatesOfOneIdempotentOrder() throws Exception {
        Map<String, Integer> tally = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            String id = createProduct(key, product("IDEM-" + round, "Raced", "1.00", 100, "race"));
            String idempotencyKey = "race-" + round;
            List<Racer> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                String racerKey = racerKeys.get(i);
                racers.add(new Racer("order", () -> {
                    Response answer = as(racerKey).header("Idempotency-Key", idempotencyKey).body(order(id))
                            .post("/api/v1/orders");
                    return answer.statusCode() + (answer.header("Idempotent-Replayed") != null ? " replayed" : "");
                }));
            }
            Map<String, Integer> outcomes = new TreeMap<>();
            race(racers, outcomes);
            assertEquals(1, outcomes.getOrDefault("order 201", 0), outcomes.toString());
            assertEquals(99, Database.count("select stock from products where id = ?::uuid", id));
            outcomes.forEach((outcome, count) -> tally.merge(outcome, count, Integer::sum));
        }
        report("duplicates of one idempotent order", tally);
        assertOnly(tally, Set.of("order 201", "order 201 replayed", "order 409"));
    }

    private static Map<String, Object> order(String productId) {
        return Map.of("lines", List.of(Map.of("productId", productId, "quantity", 1)));
    }

    private record Racer(String kind, Callable<Object> request) {
    }

    private void race(List<Racer> racers, Map<String, Integer> tally) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> running = new ArrayList<>();
        for (Racer racer : racers) {
            running.add(clients.submit(() -> {
                start.await();
                return racer.kind() + " " + racer.request().call();
            }));
        }
        start.countDown();
        for (Future<String> outcome : running) {
            tally.merge(outcome.get(), 1, Integer::sum);
        }
    }

    private static void report(String race, Map<String, Integer> tally) {
        System.out.printf("Race corpus, %s: %d rounds, %s%n", race, ROUNDS, tally);
    }

    private static void assertOnly(Map<String, Integer> tally, Set<String> allowed) {
        assertTrue(allowed.containsAll(tally.keySet()), "answers outside " + allowed + ": " + tally);
    }
}
