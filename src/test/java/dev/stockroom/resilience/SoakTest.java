package dev.stockroom.resilience;

import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A soak at moderate load (reads, list pages, summaries, updates and orders across five tenants) for
 * {@code stockroom.soak.duration} (10 minutes unless set): heap after GC and Redis memory stay flat, and no
 * request fails. Runs against a Redis of its own, so that its memory is this workload's alone.
 */
@QuarkusTest
@Tag("resilience")
@WithTestResource(OwnRedis.class)
class SoakTest {

    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(15);

    @Inject
    RedisDataSource redis;

    record Sample(long secondsIn, long heapBytes, long redisBytes) {
    }

    @Test
    void memoryStaysFlatUnderSteadyLoad() throws Exception {
        Duration duration = Duration.parse(System.getProperty("stockroom.soak.duration", "PT10M"));
        List<Api.TestTenant> tenants = new ArrayList<>();
        List<List<String>> products = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            Api.TestTenant tenant = Api.newTenant("soak-" + t, "ENTERPRISE");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(createProduct(tenant.adminKey(), product("SOAK-" + i, "Soaked " + i, (i + 1) + ".00", 1_000_000,
                        "category-" + (i % 5), "tag-" + (i % 3))));
            }
            tenants.add(tenant);
            products.add(ids);
        }
        Http http = Http.local();
        SteadyLoad load = new SteadyLoad()
                .add("read", 2, 10, () -> {
                    int t = random(tenants.size());
                    return http.get("/api/v1/products/" + products.get(t).get(random(40)), tenants.get(t).adminKey());
                })
                .add("list", 1, 20, () -> {
                    int t = random(tenants.size());
                    String query = random(4) == 0 ? "/api/v1/products/summary?tag=tag-" + random(3)
                            : "/api/v1/products?category=category-" + random(5) + "&limit=20";
                    return http.get(query, tenants.get(t).adminKey());
                })
                .add("write", 1, 100, () -> {
                    int t = random(tenants.size());
                    int i = random(40);
                    String body = "{\"sku\":\"SOAK-" + i + "\",\"name\":\"Soaked " + i + " v" + System.nanoTime()
                            + "\",\"price\":" + (i + 1) + ",\"currency\":\"EUR\",\"stock\":1000000,\"category\":\"category-"
                            + (i % 5) + "\",\"tags\":[\"tag-" + (i % 3) + "\"]}";
                    return http.send("PUT", "/api/v1/products/" + products.get(t).get(i), tenants.get(t).adminKey(), body);
                })
                .add("order", 1, 200, () -> {
                    int t = random(tenants.size());
                    return http.send("POST", "/api/v1/orders", tenants.get(t).adminKey(), "{\"lines\":[{\"productId\":\""
                            + products.get(t).get(random(40)) + "\",\"quantity\":1}]}");
                });

        List<Sample> samples = new ArrayList<>();
        long started = System.nanoTime();
        try (load) {
            while (System.nanoTime() - started < duration.toNanos()) {
                Thread.sleep(SAMPLE_EVERY.toMillis());
                samples.add(sample((System.nanoTime() - started) / 1_000_000_000));
            }
        }

        System.out.println("Soak samples (seconds, heap MiB after GC, Redis used_memory KiB):");
        samples.forEach(s -> System.out.printf("  %4d  %6.1f  %8.1f%n", s.secondsIn(), s.heapBytes() / 1048576.0, s.redisBytes() / 1024.0));
        System.out.println("Soak answers: " + load.summary());
        // An update racing an order on the same product may lose its optimistic lock: 409, as the API says.
        assertTrue(load.unsuccessful().stream().allMatch(a -> a.kind().equals("write") && a.status() == 409),
                "every request succeeded or met a concurrent update: " + load.summary());
        assertTrue(samples.size() >= 4, "enough samples: " + samples.size());
        // Baseline: the samples after the first quarter (caches, pools and JIT warm); end: the last quarter.
        int quarter = Math.max(1, samples.size() / 4);
        List<Sample> baseline = samples.subList(quarter, 2 * quarter);
        List<Sample> end = samples.subList(samples.size() - quarter, samples.size());
        long heapBaseline = median(baseline.stream().mapToLong(Sample::heapBytes).toArray());
        long heapEnd = median(end.stream().mapToLong(Sample::heapBytes).toArray());
        long redisBaseline = median(baseline.stream().mapToLong(Sample::redisBytes).toArray());
        long redisEnd = median(end.stream().mapToLong(Sample::redisBytes).toArray());
        System.out.printf("Heap after GC: %.1f MiB -> %.1f MiB; Redis: %.1f KiB -> %.1f KiB%n", heapBaseline / 1048576.0,
                heapEnd / 1048576.0, redisBaseline / 1024.0, redisEnd / 1024.0);
        assertTrue(heapEnd <= heapBaseline * 1.2 + 8 * 1048576, "heap flat: " + heapBaseline + " -> " + heapEnd);
        assertTrue(redisEnd <= redisBaseline * 1.2 + 256 * 1024, "Redis memory flat: " + redisBaseline + " -> " + redisEnd);
    }

    private Sample sample(long secondsIn) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String info = redis.execute("INFO", "memory").toString();
        long redisBytes = info.lines().filter(l -> l.startsWith("used_memory:")).findFirst()
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).trim())).orElseThrow();
        return new Sample(secondsIn, heap, redisBytes);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }
}
