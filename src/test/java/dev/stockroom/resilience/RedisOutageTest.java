package dev.stockroom.resilience;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.stockroom.cache.RedisCommands;
import dev.stockroom.support.Api;
import dev.stockroom.support.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Redis stops for 20 s under steady load and comes back with the entries it held before (append-only file).
 * Reads never fail, writes commit, the limiter applies its failure mode, nothing stale is served after the
 * recovery, and cache hits resume without a restart.
 */
@QuarkusTest
@Tag("resilience")
@WithTestResource(OwnRedis.class)
class RedisOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry registry;

    @Test
    void theServiceRidesOutARedisOutage() throws Exception {
        Api.TestTenant tenant = Api.newTenant("outage", "ENTERPRISE");
        String key = tenant.adminKey();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(createProduct(key, product("OUT-" + i, "Before " + i, "1.00", 100, "outage")));
        }
        String watched = ids.get(0);
        for (int i = 0; i < 2; i++) {
            as(key).get("/api/v1/products/" + watched).then().statusCode(200);
        }
        assertTrue(RedisCommands.withoutBus(RedisCommands.byCommand(redis)).getOrDefault("evalsha", 0L) > 0,
                "the service uses this test's Redis");

        Http http = Http.local();
        AtomicInteger sku = new AtomicInteger();
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        SteadyLoad load = new SteadyLoad()
                .add("read", 2, 20, SteadyLoad.cycling(ids, id -> http.get("/api/v1/products/" + id, key)))
                .add("list", 1, 50, () -> http.get("/api/v1/products?category=outage&limit=10", key))
                .add("write", 1, 50, () -> {
                    var response = http.send("POST", "/api/v1/products", key,
                            "{\"sku\":\"NEW-" + sku.incrementAndGet() + "\",\"name\":\"New\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}");
                    if (response.statusCode() == 201) {
                        created.add(JsonPath.from(response.body()).getString("id"));
                    }
                    return response;
                });
        double degradedBefore = Counters.sum(registry, "ratelimit.decisions", "policy", "api", "outcome", "degraded");
        try (load) {
            Thread.sleep(3_000);

            OwnRedis.server().halt();
            load.phase("outage");
            long outageEnds = System.currentTimeMillis() + OUTAGE.toMillis();
            Thread.sleep(3_000);
            // A write while Redis is away commits, and this instance reads its own write at once.
            var renamed = product("OUT-0", "During the outage", "2.00", 100, "outage");
            as(key).body(renamed).put("/api/v1/products/" + watched).then().statusCode(200);
            as(key).get("/api/v1/products/" + watched).then().statusCode(200).body("name", is("During the outage"));
            Thread.sleep(Math.max(0, outageEnds - System.currentTimeMillis()));

            OwnRedis.server().launch();
            load.phase("after");
            long recovered = System.currentTimeMillis();
            // Redis came back holding the entry cached before the write: it must never be served.
            while (System.currentTimeMillis() - recovered < 10_000) {
                as(key).get("/api/v1/products/" + watched).then().statusCode(200)
                        .body("name", is("During the outage"));
                Thread.sleep(50);
            }
            var commandsBefore = RedisCommands.byCommand(redis);
            double hitsBefore = Counters.sum(registry, "cache.gets", "cache", "product", "result", "hit");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                as(key).get("/api/v1/products/" + watched).then().statusCode(200)
                        .body("name", is("During the outage"));
                assertTrue(RedisCommands.since(commandsBefore, redis).getOrDefault("evalsha", 0L) > 0, "Redis used again");
                assertTrue(Counters.sum(registry, "cache.gets", "cache", "product", "result", "hit") > hitsBefore, "hits again");
            });
        }

        for (SteadyLoad.Answer answer : load.unsuccessful()) {
            assertTrue(answer.status() > 0 && answer.status() < 500,
                    "no 5xx and no dropped connection: " + answer + " in " + load.summary());
        }
        assertTrue(load.count("read", "outage", 200) > 100, "reads kept flowing during the outage: " + load.summary());
        long writesInOutage = load.count("write", "outage", 201);
        assertTrue(writesInOutage > 10, "writes committed during the outage: " + load.summary());
        assertTrue(Counters.sum(registry, "ratelimit.decisions", "policy", "api", "outcome", "degraded") > degradedBefore,
                "the api policy decided in its failure mode (local) while Redis was away");
        assertEquals(created.size() + ids.size(), productsOf(tenant.id()), "every acknowledged write is in the database");
    }

    private static long productsOf(UUID tenant) throws SQLException {
        return Database.count("SELECT count(*) FROM products WHERE tenant_id = ?", tenant);
    }
}
