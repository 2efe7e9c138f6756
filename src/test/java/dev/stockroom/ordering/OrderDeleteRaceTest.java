package dev.stockroom.ordering;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Orders racing the deletion of their product: each round starts 8 orders and the delete together. An order
 * either took its stock before the delete (201) or finds the product gone (404). The delete either removes
 * the product (204) or finds that an order changed it since it was read (409 {@code concurrent-update}).
 * Nothing answers 5xx; before, both sides did.
 */
@QuarkusTest
class OrderDeleteRaceTest {

    private static final int ROUNDS = 40;
    private static final int ORDERS = 8;

    @Test
    void anOrderRacingTheDeleteOfItsProductIsPlacedOrNotFound() throws Exception {
        String key = newTenant("race", "ENTERPRISE").adminKey();
        Map<Integer, Integer> statuses = new TreeMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(ORDERS + 1);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String id = createProduct(key, product("RACE-" + round, "Raced", "1.00", 100, "race"));
                Map<String, Object> order = Map.of("lines", List.of(Map.of("productId", id, "quantity", 1)));
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < ORDERS; i++) {
                    calls.add(() -> {
                        start.await();
                        return as(key).body(order).post("/api/v1/orders").statusCode();
                    });
                }
                calls.add(() -> {
                    start.await();
                    int deleted = as(key).delete("/api/v1/products/" + id).statusCode();
                    return deleted == 204 || deleted == 409 ? -deleted : deleted;
                });
                List<Future<Integer>> running = new ArrayList<>();
                calls.forEach(call -> running.add(clients.submit(call)));
                start.countDown();
                for (Future<Integer> status : running) {
                    statuses.merge(status.get(), 1, Integer::sum);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.printf("Orders racing deletes: %d rounds, statuses %s (negative: the deletes)%n", ROUNDS, statuses);
        assertEquals(ROUNDS, statuses.getOrDefault(-204, 0) + statuses.getOrDefault(-409, 0),
                "every delete answered 204 or 409: " + statuses);
        assertTrue(statuses.keySet().stream().allMatch(s -> s < 0 || s == 201 || s == 404),
                "orders answer 201 or 404 only: " + statuses);
    }
}
