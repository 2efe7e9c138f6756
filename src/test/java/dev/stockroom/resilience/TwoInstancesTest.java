package dev.stockroom.resilience;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Two instances against the same PostgreSQL and Redis: this test's service (A) and the packaged jar (B).
 * Rate limits hold in total, a write on one is read fresh on the other once the invalidation bus delivers,
 * and a revoked key fails on both within a second.
 */
@QuarkusTest
@Tag("resilience")
@TestProfile(TwoInstancesTest.HourlyApiLimit.class)
class TwoInstancesTest {

    /** A window of an hour: the limit barely refills while the test runs, so the admitted total is exact. */
    public static class HourlyApiLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stockroom.rate-limit.policies.api.window", "1h");
        }
    }

    private static SecondInstance second;

    @BeforeAll
    static void startSecondInstance() throws Exception {
        second = SecondInstance.start(Map.of("STOCKROOM_RATE_LIMIT_POLICIES_API_WINDOW", "1h"));
    }

    @AfterAll
    static void stopSecondInstance() throws InterruptedException {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void rateLimitsHoldInTotalAcrossInstances() throws Exception {
        Api.TestTenant tenant = Api.newTenant("two-limits", "FREE");
        Http a = Http.local();
        Http b = second.http();
        HttpResponse<String> first = a.get("/api/v1/products?limit=1", tenant.adminKey());
        long remaining = Long.parseLong(first.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertTrue(remaining > 100, "room left: " + remaining);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < remaining + 100; i++) {
            Http instance = i % 2 == 0 ? a : b;
            sent.add(pool.submit(() -> instance.get("/api/v1/products?limit=1", tenant.adminKey())));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : sent) {
            answers.add(answer.get());
        }
        pool.shutdown();

        long admitted = answers.stream().filter(r -> r.statusCode() == 200).count();
        long rejected = answers.stream().filter(r -> r.statusCode() == 429).count();
        assertEquals(answers.size(), admitted + rejected, "only 200 and 429");
        // An hourly window of 600 refills one request every 6 s: at most one more than what was left.
        assertTrue(admitted >= remaining && admitted <= remaining + 1, "admitted " + admitted + " of " + remaining + " left");
        assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 429 && r.uri().getPort() == first.uri().getPort()), "A rejects");
        assertTrue(answers.stream().anyMatch(r -> r.statusCode() == 429 && r.uri().getPort() != first.uri().getPort()), "B rejects");
    }

    @Test
    void aWriteOnOneInstanceIsReadFreshOnTheOtherWithinTheBusDelay() throws Exception {
        Api.TestTenant tenant = Api.newTenant("two-cache", "ENTERPRISE");
        String id = createProduct(tenant.adminKey(), product("TWO-1", "Version 0", "1.00", 5, "two"));
        Http b = second.http();
        long slowest = 0;
        for (int round = 1; round <= 5; round++) {
            for (int i = 0; i < 3; i++) { // B caches the current version in both layers
                assertEquals(200, b.get("/api/v1/products/" + id, tenant.adminKey()).statusCode());
            }
            as(tenant.adminKey()).body(product("TWO-1", "Version " + round, "1.00", 5, "two"))
                    .put("/api/v1/products/" + id).then().statusCode(200);
            long written = System.nanoTime();
            String name;
            do {
                name = JsonPath.from(b.get("/api/v1/products/" + id, tenant.adminKey()).body()).getString("name");
            } while (!name.equals("Version " + round) && System.nanoTime() - written < 5_000_000_000L);
            long delay = (System.nanoTime() - written) / 1_000_000;
            assertEquals("Version " + round, name, "B reads the write");
            slowest = Math.max(slowest, delay);
        }
        System.out.printf("Cross-instance invalidation: slowest of 5 writes read fresh on B after %d ms%n", slowest);
        assertTrue(slowest < 1_000, "B served the old version for " + slowest + " ms at most; the bound is 1 s");
    }

    @Test
    void aRevokedKeyFailsOnBothInstancesWithinASecond() throws Exception {
        Api.TestTenant tenant = Api.newTenant("two-keys", "ENTERPRISE");
        var created = as(tenant.adminKey()).body(Map.of("name", "doomed", "role", "MEMBER")).post("/api/v1/api-keys")
                .then().statusCode(201).extract();
        String key = created.path("key");
        String keyId = created.path("id");
        Http a = Http.local();
        Http b = second.http();
        for (Http instance : List.of(a, b)) { // both verify and remember the key
            assertEquals(200, instance.get("/api/v1/whoami", key).statusCode());
            assertEquals(200, instance.get("/api/v1/whoami", key).statusCode());
        }

        as(tenant.adminKey()).delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        long revoked = System.nanoTime();
        long[] refusedAfter = new long[2];
        while ((refusedAfter[0] == 0 || refusedAfter[1] == 0) && System.nanoTime() - revoked < 5_000_000_000L) {
            for (int i = 0; i < 2; i++) {
                if (refusedAfter[i] == 0 && (i == 0 ? a : b).get("/api/v1/whoami", key).statusCode() == 401) {
                    refusedAfter[i] = Math.max(1, (System.nanoTime() - revoked) / 1_000_000);
                }
            }
            Thread.sleep(10);
        }
        System.out.printf("Revoked key refused by A after %d ms, by B after %d ms%n", refusedAfter[0], refusedAfter[1]);
        assertTrue(refusedAfter[0] > 0 && refusedAfter[0] < 1_000, "A refuses within 1 s: " + refusedAfter[0] + " ms");
        assertTrue(refusedAfter[1] > 0 && refusedAfter[1] < 1_000, "B refuses within 1 s: " + refusedAfter[1] + " ms");
    }
}
