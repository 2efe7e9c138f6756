package dev.stockroom.ratelimit;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.operator;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stockroom.cache.RedisCommands;
import dev.stockroom.redis.RedisKeys;
import dev.stockroom.support.Api.TestTenant;
import dev.stockroom.support.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

@QuarkusTest
@TestProfile(SmallLimitsProfile.class)
class RateLimitTest {

    @Inject
    RedisDataSource redis;

    @Inject
    AuthFailureThrottle throttle;

    @Inject
    RateLimitLeases leases;

    @Inject
    MeterRegistry metrics;

    @BeforeEach
    void forgetFailedAuthentications() {
        // Other test classes share this client address (with a higher limit in their profile).
        redis.key().del("{ip:127.0.0.1}:rl:auth-failures:log");
        throttle.forgetRefusals();
        leases.forget(); // tests start from fresh limiter state in Redis: no lease of it may outlive theirs
    }

    @Test
    void aBurstOfTheLimitIsAdmittedAndTheNextRejected() {
        TestTenant tenant = newTenant("burst");
        String burstKey = newKey(tenant, "ADMIN");
        for (int i = 4; i >= 0; i--) {
            as(burstKey).get("/api/v1/products").then().statusCode(200)
                    .header("RateLimit-Policy", "\"api\";q=5;w=60, \"tenant\";q=12;w=60")
                    .header("RateLimit", startsWith("\"api\";r=" + i + ";t="))
                    .header("X-RateLimit-Limit", "5")
                    .header("X-RateLimit-Remaining", Integer.toString(i))
                    .header("X-RateLimit-Reset", notNullValue());
        }
        as(burstKey).get("/api/v1/products").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", endsWith("/quota-exceeded"))
                .body("policy", equalTo("api"))
                .body("violated-policies", equalTo(List.of("api")))
                .header("Retry-After", "12")
                .header("RateLimit", startsWith("\"api\";r=0;t=12,"))
                .header("X-RateLimit-Remaining", "0");
        // Another key of the same tenant has its own budget.
        as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200);
    }

    @Test
    void remainingIsExactAndTheResetIsTheTimeUntilMoreQuota() {
        // 9 a minute: one unit back every 6.67 s, an emission interval that is not a whole number of µs.
        redis.key().del("{ip:127.0.0.1}:rl:RateLimitProbeResource.nine");
        for (int left = 8; left >= 0; left--) {
            given().get("/test/rate-limit/nine").then().statusCode(200)
                    .header("RateLimit", matchesPattern("\"RateLimitProbeResource.nine\";r=" + left + ";t=[67]"));
        }
        var rejected = given().get("/test/rate-limit/nine").then().statusCode(429).extract();
        assertEquals("\"RateLimitProbeResource.nine\";r=0;t=" + rejected.header("Retry-After"), rejected.header("RateLimit"));
        redis.key().del("{ip:127.0.0.1}:rl:RateLimitProbeResource.nine");
    }

    @Test
    void concurrentClientsNeverGetMoreThanTheLimit() throws Exception {
        // Exactness holds while Redis answers within the command timeout; past it the policy's failure mode
        // decides. A concurrent warm-up fills the Redis pool and warms the path, so that a cold start of 50
        // connections does not push the measured burst past the timeout.
        TestTenant warmUp = newTenant("warmup");
        ExecutorService clients = Executors.newFixedThreadPool(50);
        List<Callable<Integer>> warmUpCalls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            warmUpCalls.add(() -> as(warmUp.adminKey()).get("/api/v1/products").statusCode());
        }
        for (Future<Integer> status : clients.invokeAll(warmUpCalls)) {
            status.get();
        }
        TestTenant tenant = newTenant("concurrent");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> as(tenant.adminKey()).get("/api/v1/products").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : clients.invokeAll(calls)) {
            statuses.add(status.get());
        }
        clients.shutdown();
        assertEquals(5, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(45, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }

    @Test
    void mintingKeysDoesNotRaiseTheTenantsRate() {
        TestTenant tenant = newTenant("mint");
        List<String> keys = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            keys.add(newKey(tenant, "ADMIN"));
        }
        // Three new keys of 5 requests each, but one tenant budget of 12, of which minting took 3.
        int admitted = 0;
        for (int i = 0; i < 40; i++) {
            Response response = as(keys.get(i % keys.size())).get("/api/v1/products");
            if (response.statusCode() == 200) {
                admitted++;
            } else {
                assertEquals(429, response.statusCode());
                assertEquals("tenant", response.path("policy"), "only the tenant-wide budget runs out");
            }
        }
        // GCRA frees one request every 5 s (12 a minute); a slow run may see that many more.
        long refilled = (System.nanoTime() - start) / 5_000_000_000L;
        assertTrue(admitted >= 9 && admitted <= 9 + refilled, "admitted " + admitted + ", refilled " + refilled);
    }

    @Test
    void retryAfterIsHonest() throws Exception {
        TestTenant tenant = newTenant("retry");
        String member = newKey(tenant, "MEMBER");
        String id = createProduct(member, product("R-1", "Retry", "1.00", 100, "x"));
        Map<String, Object> order = Map.of("lines", List.of(Map.of("productId", id, "quantity", 1)));
        as(member).body(order).post("/api/v1/orders").then().statusCode(201);
        as(member).body(order).post("/api/v1/orders").then().statusCode(201);
        Response rejected = as(member).body(order).post("/api/v1/orders");
        assertEquals(429, rejected.statusCode());
        assertEquals("orders-create", rejected.path("policy"));
        long retryAfter = Long.parseLong(rejected.header("Retry-After"));
        // Two per 10 s: one slot frees every 5 s, long enough that a loaded machine still sends the third
        // request before it does.
        assertTrue(retryAfter >= 1 && retryAfter <= 5, "one slot frees every 5 seconds: " + retryAfter);
        Thread.sleep(retryAfter * 1000);
        as(member).body(order).post("/api/v1/orders").then().statusCode(201);
    }

    @Test
    void limitsScaleByPlanAndRoleAndAPlanChangeAppliesAtOnce() {
        TestTenant tenant = newTenant("plan");
        String reader = newKey(tenant, "READ_ONLY");
        as(reader).get("/api/v1/products").then().statusCode(200).header("X-RateLimit-Limit", "2");
        as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200).header("X-RateLimit-Limit", "5");

        operator().body(Map.of("plan", "ENTERPRISE")).patch("/admin/tenants/" + tenant.id()).then().statusCode(200);
        as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200)
                .header("RateLimit-Policy", "\"api\";q=10;w=60, \"tenant\";q=24;w=60");
        as(reader).get("/api/v1/products").then().statusCode(200).header("X-RateLimit-Limit", "4");
    }

    @Test
    void gcraStateIsSmallAndExpiresByItself() {
        TestTenant tenant = newTenant("memory");
        as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200);
        String key = RedisKeys.tenantTag(tenant.id()) + ":rl:api:" + tenant.adminKey().substring(3, 13);
        Object bytes = redis.execute("MEMORY", "USAGE", key).toLong();
        // About 90 bytes on a standalone server; a cluster node keeps 16 more per key for its slot index.
        assertTrue((Long) bytes <= 110, "MEMORY USAGE " + bytes);
        long ttl = redis.key().pttl(key);
        assertTrue(ttl > 0 && ttl <= 60_000, "expires with the window: " + ttl);
    }

    @Test
    void failedAuthenticationsAreThrottledPerAddress() {
        String bad = "sr_AAAAAAAAAA_" + "B".repeat(43);
        redis.key().del("{ip:127.0.0.1}:rl:auth-failures:log");
        try {
            for (int i = 0; i < 3; i++) {
                given().header("X-API-Key", bad).get("/api/v1/products").then().statusCode(401);
            }
            given().header("X-API-Key", bad).get("/api/v1/products").then().statusCode(429)
                    .body("policy", equalTo("auth-failures"))
                    .header("Retry-After", notNullValue());
        } finally {
            redis.key().del("{ip:127.0.0.1}:rl:auth-failures:log");
            throttle.forgetRefusals();
        }
    }

    @Test
    void inlineLimitsAndShadowPolicies() {
        redis.key().del("{ip:127.0.0.1}:rl:RateLimitProbeResource.inline", "{ip:127.0.0.1}:rl:probe-shadow");
        for (int i = 0; i < 3; i++) {
            given().get("/test/rate-limit/inline").then().statusCode(200)
                    .header("RateLimit-Policy", "\"RateLimitProbeResource.inline\";q=3;w=60");
        }
        given().get("/test/rate-limit/inline").then().statusCode(429);
        for (int i = 0; i < 4; i++) {
            given().get("/test/rate-limit/shadow").then().statusCode(200);
        }
        given().get("/test/rate-limit/shadow").then().statusCode(200).header("X-RateLimit-Remaining", "0");
    }

    @Test
    void aRequestTheKeysRoleMayNotMakeIsRefusedBeforeItIsCounted() {
        TestTenant tenant = newTenant("role-before-limit");
        String readOnly = newKey(tenant, "READ_ONLY");
        for (int i = 0; i < 8; i++) {
            as(readOnly).body(product("RB-" + i, "Refused", "1.00", 1, "x")).post("/api/v1/products").then()
                    .statusCode(403).header("RateLimit", nullValue());
        }
        // The refused writes took nothing from the key's budget (a read-only key gets 2 of the 5) nor from the
        // tenant's 12, of which only the key's creation and this read are spent.
        as(readOnly).get("/api/v1/products").then().statusCode(200).header("X-RateLimit-Limit", "2")
                .header("X-RateLimit-Remaining", "1").header("RateLimit", containsString("\"tenant\";r=10;"));
    }

    @Test
    void aKeyOverItsLimitIsRefusedWithoutAskingRedisUntilItsRetryTimeAndAdmittedAfter() {
        TestTenant tenant = newTenant("refusals");
        String key = newKey(tenant, "ADMIN");
        for (int i = 0; i < 5; i++) {
            as(key).get("/api/v1/products").then().statusCode(200);
        }
        int retryAfter = Integer.parseInt(as(key).get("/api/v1/products").then().statusCode(429)
                .extract().header("Retry-After"));
        long refusedAt = System.nanoTime();
        // Invalidations that earlier tests left to the outbox would be relayed during the count.
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count("select count(*) from cache_invalidations") == 0);
        Map<String, Long> before = RedisCommands.byCommand(redis);
        for (int i = 0; i < 20; i++) {
            int said = Integer.parseInt(as(key).get("/api/v1/products").then().statusCode(429)
                    .contentType("application/problem+json").body("violated-policies", equalTo(List.of("api")))
                    .header("RateLimit", startsWith("\"api\";r=0;t=")).extract().header("Retry-After"));
            assertTrue(said <= retryAfter && said >= 1, "Retry-After " + said);
        }
        assertEquals(0L, RedisCommands.since(before, redis).getOrDefault("evalsha", 0L), "no limiter script");
        // Remembering a refusal never refuses past the retry time Redis gave: then the key is admitted again.
        await().atMost(Duration.ofSeconds(retryAfter + 5)).pollInterval(Duration.ofMillis(250))
                .until(() -> as(key).get("/api/v1/products").statusCode() == 200);
        assertTrue(System.nanoTime() - refusedAt >= Duration.ofSeconds(retryAfter - 1).toNanos());
    }

    @Test
    void aRememberedRefusalIsAnsweredBeforeRoutingAsRoutingAnswersIt() {
        TestTenant tenant = newTenant("early-refusals");
        String key = newKey(tenant, "ADMIN");
        String path = "/api/v1/products/" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            as(key).get(path).then().statusCode(404);
        }
        double timedAtFirst = timed("GET", "/api/v1/products/{id}", "429");
        as(key).get(path).then().statusCode(429); // Redis refuses, and the refusal is remembered
        Response routed = as(key).get(path).then().statusCode(429).extract().response(); // refused from memory
        as(key).get("/api/v1/products").then().statusCode(429); // another route last, so no template lingers
        double rejectedBefore = decisions("api", "rejected");
        // Both 429s are timed (after their answers), by their path template.
        await().atMost(Duration.ofSeconds(5)).until(() -> timed("GET", "/api/v1/products/{id}", "429") - timedAtFirst >= 2);
        double timedBefore = timed("GET", "/api/v1/products/{id}", "429");
        // Another product: the route, not the path, was learned.
        String otherPath = "/api/v1/products/" + UUID.randomUUID();
        Response early = as(key).get(otherPath).then().statusCode(429).extract().response();
        assertEquals(0, RoutedRequests.of(otherPath), "answered before routing");

        // The same answer: headers, problem, metrics.
        for (String header : List.of("Content-Type", "RateLimit-Policy", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                "Cache-Control", "Vary")) {
            assertEquals(routed.header(header), early.header(header), header);
        }
        for (String header : List.of("RateLimit", "Retry-After", "X-RateLimit-Reset", "Date", "Content-Length")) {
            assertNotNull(early.header(header), header);
        }
        Map<String, Object> routedProblem = routed.jsonPath().getMap("$");
        Map<String, Object> earlyProblem = early.jsonPath().getMap("$");
        assertEquals(routedProblem.keySet(), earlyProblem.keySet());
        for (String member : List.of("type", "title", "status", "violated-policies", "policy")) {
            assertEquals(routedProblem.get(member), earlyProblem.get(member), member);
        }
        assertEquals(otherPath, earlyProblem.get("instance"));
        assertEquals(1, decisions("api", "rejected") - rejectedBefore, "counted as a rejection");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> timed("GET", "/api/v1/products/{id}", "429") - timedBefore >= 1); // by template, not path

        // Another tenant's key on that route is routed, and admitted.
        as(newKey(newTenant("early-refusals-other"), "ADMIN")).get(path).then().statusCode(404);

        // A route is answered early only for the roles it refused from memory: a read-only key over its own
        // limit still gets the 403 for a delete it may not make, as it would without the refusal.
        as(key).delete(path).then().statusCode(429); // routed, refused from memory: the route learns the role
        int routedBefore = RoutedRequests.of(path);
        as(key).delete(path).then().statusCode(429).header("RateLimit", startsWith("\"api\";r=0;t="));
        assertEquals(routedBefore, RoutedRequests.of(path), "the delete answered before routing");
        String readOnly = newKey(newTenant("early-refusals-read-only"), "READ_ONLY");
        for (int i = 0; i < 2; i++) {
            as(readOnly).get(path).then().statusCode(404);
        }
        as(readOnly).get(path).then().statusCode(429);
        as(readOnly).delete(path).then().statusCode(403);
    }

    @Test
    void anAdmittedRequestKeepsItsHeadersWhateverItAnswers() {
        TestTenant tenant = newTenant("headers-kept");
        String path = "/api/v1/products/" + createProduct(tenant.adminKey(), product("H-1", "Headers", "1.00", 1, "x"));
        String etag = as(tenant.adminKey()).get(path).then().statusCode(200).extract().header("ETag");
        as(tenant.adminKey()).header("If-None-Match", etag).get(path).then().statusCode(304)
                .header("RateLimit-Policy", startsWith("\"api\";q=")).header("X-RateLimit-Remaining", "2");
        as(tenant.adminKey()).get("/api/v1/products/" + UUID.randomUUID()).then().statusCode(404)
                .header("RateLimit", startsWith("\"api\";r=1;t=")).header("X-RateLimit-Limit", notNullValue());
        invalidAs(tenant.adminKey()).body(Map.of("sku", "")).post("/api/v1/products").then().statusCode(400)
                .header("RateLimit", startsWith("\"api\";r=0;t="));
    }

    @Test
    void aBusyClientIsAdmittedFromLeasesWithTheHeadersOfOneScriptPerRequest() {
        redis.key().del("{ip:127.0.0.1}:rl:RateLimitProbeResource.daily");
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count("select count(*) from cache_invalidations") == 0);
        Map<String, Long> before = RedisCommands.byCommand(redis);
        double allowedBefore = allowed("RateLimitProbeResource.daily");
        // 1000 a day: one unit comes back every 86.4 s, so within this loop each request leaves one less.
        for (int i = 0; i < 100; i++) {
            given().get("/test/rate-limit/daily").then().statusCode(200)
                    .header("RateLimit", startsWith("\"RateLimitProbeResource.daily\";r=" + (999 - i) + ";t="))
                    .header("X-RateLimit-Remaining", Integer.toString(999 - i));
        }
        long scripts = RedisCommands.since(before, redis).getOrDefault("evalsha", 0L);
        assertTrue(scripts <= 30, scripts + " limiter scripts for 100 requests");
        assertEquals(100, allowed("RateLimitProbeResource.daily") - allowedBefore, "every admission counted");
    }

    @Test
    void aBurstWaitsForTheLeaseOneOfItsRequestsAsksForInsteadOfAskingRedisEach() throws Exception {
        redis.key().del("{ip:127.0.0.1}:rl:RateLimitProbeResource.daily");
        Map<String, Long> before = RedisCommands.byCommand(redis);
        List<Response> answers = burstWhileScriptsWait(20, "/test/rate-limit/daily");
        long scripts = RedisCommands.since(before, redis).getOrDefault("evalsha", 0L);
        assertEquals(List.of(200), answers.stream().map(Response::statusCode).distinct().toList());
        // Each request had a unit of its own, and its headers say so: 1000 a day, nothing refills meanwhile.
        assertEquals(IntStream.rangeClosed(980, 999).boxed().collect(Collectors.toSet()),
                answers.stream().map(answer -> Integer.parseInt(answer.header("X-RateLimit-Remaining")))
                        .collect(Collectors.toSet()));
        assertTrue(scripts <= 4, scripts + " limiter scripts for a burst of 20");
    }

    @Test
    void aBurstPastTheLimitIsRefusedOnTheAnswerOfOneScript() throws Exception {
        redis.key().del("{ip:127.0.0.1}:rl:RateLimitProbeResource.nine");
        for (int i = 0; i < 9; i++) { // 9 a minute: these nine use every unit, so no lease holds one after them
            given().get("/test/rate-limit/nine").then().statusCode(200);
        }
        Map<String, Long> before = RedisCommands.byCommand(redis);
        List<Response> answers = burstWhileScriptsWait(20, "/test/rate-limit/nine");
        long scripts = RedisCommands.since(before, redis).getOrDefault("evalsha", 0L);
        assertEquals(List.of(429), answers.stream().map(Response::statusCode).distinct().toList());
        assertTrue(scripts <= 2, scripts + " limiter scripts for a burst of 20 past the limit");
        redis.key().del("{ip:127.0.0.1}:rl:RateLimitProbeResource.nine");
    }

    /**
     * Sends {@code requests} at once while Redis holds every script for 300 ms (CLIENT PAUSE WRITE): the first
     * request's call is held, and the others arrive while it waits.
     */
    private List<Response> burstWhileScriptsWait(int requests, String path) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(() -> given().get(path).then().extract().response());
        }
        RedisCommands.onEveryNode(redis, "CLIENT", "PAUSE", "300", "WRITE"); // within the limiter's timeout
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : clients.invokeAll(calls)) {
            answers.add(answer.get());
        }
        clients.shutdown();
        return answers;
    }

    private double allowed(String policy) {
        return decisions(policy, "allowed");
    }

    private double decisions(String policy, String outcome) {
        var counter = metrics.find("ratelimit.decisions").tag("policy", policy).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double timed(String method, String uri, String status) {
        var timer = metrics.find("http.server.requests").tag("method", method).tag("uri", uri).tag("status", status)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
