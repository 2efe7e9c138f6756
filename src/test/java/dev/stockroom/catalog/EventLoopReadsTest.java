package dev.stockroom.catalog;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.cache.CachedReads;
import dev.stockroom.support.Api.TestTenant;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;

/**
 * Product reads run on the event loop: a near-cache hit is answered there, so it is served even while every
 * worker thread is busy; a miss needs a worker and waits for one. {@link EventLoopRedisReadsTest} runs the same
 * with the near cache off: an entry only Redis holds is served on the event loop too.
 */
@QuarkusTest
@TestProfile(FewWorkersProfile.class)
class EventLoopReadsTest {

    @Inject
    WorkerHoldResource workers;

    @Inject
    CachedReads cachedReads;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    /** The cache layer that answers the hits of this test. */
    String servedFrom() {
        return "l1";
    }

    private double hitsServedFrom(String cache) {
        return registry.find("cache.gets").tags("cache", cache, "result", "hit", "layer", servedFrom()).counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aNearCacheHitIsServedWhileEveryWorkerIsBusyAndAMissWaitsForOne() throws Exception {
        TestTenant tenant = newTenant("eventloop");
        String key = tenant.adminKey();
        String cached = createProduct(key, product("EL-1", "On the loop", "1.00", 1, "x"));
        String uncached = createProduct(key, product("EL-2", "Off the loop", "2.00", 1, "x"));
        as(key).get("/api/v1/products/" + cached).then().statusCode(200);
        as(key).get("/api/v1/products").then().statusCode(200);
        as(key).get("/api/v1/products/summary").then().statusCode(200);

        ExecutorService clients = Executors.newCachedThreadPool();
        workers.release = new CountDownLatch(1);
        try {
            List<Future<Response>> holds = new ArrayList<>();
            for (int i = 0; i < FewWorkersProfile.WORKERS; i++) {
                holds.add(clients.submit(() -> given().get("/test/workers/hold")));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> workers.holding.get() == FewWorkersProfile.WORKERS);
            double productHits = hitsServedFrom("product");
            double pageHits = hitsServedFrom("product-pages");

            Future<Response> miss = clients.submit(() -> as(key).get("/api/v1/products/" + uncached));
            Response hit = clients.submit(() -> as(key).get("/api/v1/products/" + cached)).get(10, TimeUnit.SECONDS);
            assertEquals(200, hit.statusCode());
            assertEquals("On the loop", hit.path("name"));
            assertTrue(hit.header("ETag") != null, "a hit keeps its validators");
            assertEquals(304, clients.submit(() -> as(key).header("If-None-Match", hit.header("ETag"))
                    .get("/api/v1/products/" + cached)).get(10, TimeUnit.SECONDS).statusCode());
            assertEquals(200, clients.submit(() -> as(key).get("/api/v1/products")).get(10, TimeUnit.SECONDS)
                    .statusCode());
            assertEquals(200, clients.submit(() -> as(key).get("/api/v1/products/summary")).get(10, TimeUnit.SECONDS)
                    .statusCode());
            assertFalse(miss.isDone(), "a miss needs a worker: every one is held");
            assertEquals(productHits + 2, hitsServedFrom("product"), "the product's hits came from " + servedFrom());
            assertTrue(hitsServedFrom("product-pages") > pageHits, "the page's hit came from " + servedFrom());
            assertEquals(FewWorkersProfile.WORKERS, workers.holding.get());

            workers.release.countDown();
            assertEquals(200, miss.get(10, TimeUnit.SECONDS).statusCode());
            assertEquals("Off the loop", miss.get().path("name"));
            for (Future<Response> hold : holds) {
                assertEquals("released", hold.get(10, TimeUnit.SECONDS).asString());
            }
        } finally {
            workers.release.countDown();
            clients.shutdownNow();
        }
    }

    @Test
    void onlyACallOfACachedMethodCanBeReadOnTheEventLoop() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                cachedReads.read(() -> "not cached");
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        assertInstanceOf(IllegalStateException.class, failure.get(10, TimeUnit.SECONDS));
    }
}
