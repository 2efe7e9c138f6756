package dev.stockroom.cache;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.catalog.ProductService;
import dev.stockroom.support.Api;
import dev.stockroom.support.Database;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantScope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(WriteThroughAndWarmingTest.Enabled.class)
class WriteThroughAndWarmingTest {

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stockroom.cache.caches.\"product\".write-through", "true",
                    "stockroom.cache.warming.enabled", "true",
                    "stockroom.cache.warming.max-tenants", "1",
                    // The test warms at start itself, once its tenant is the most active.
                    "stockroom.cache.warming.start-delay", "1h");
        }
    }

    @Inject
    MeterRegistry registry;

    @Inject
    CacheWarming warming;

    @Inject
    ProductService products;

    @Inject
    TenantScope scope;

    @Test
    void aCommittedWriteIsCachedBeforeTheNextRead() {
        Api.TestTenant tenant = Api.newTenant("write-through");
        String id = createProduct(tenant.adminKey(), product("WT-1", "First", "1.00", 5, "wt"));
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200);
        double misses = gets("product", "miss");

        as(tenant.adminKey()).body(product("WT-1", "Second", "1.00", 5, "wt")).put("/api/v1/products/" + id)
                .then().statusCode(200);
        // The reload runs in the background, after commit, with no request asking: one miss that stores.
        await().atMost(Duration.ofSeconds(5)).until(() -> gets("product", "miss") == misses + 1);

        double hits = gets("product", "hit");
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200).body("name", is("Second"));
        assertEquals(hits + 1, gets("product", "hit"), "the next read is a hit");
        assertEquals(misses + 1, gets("product", "miss"));
    }

    @Test
    void aRolledBackWriteReloadsNothing() throws InterruptedException {
        Api.TestTenant tenant = Api.newTenant("write-through-rollback");
        String id = createProduct(tenant.adminKey(), product("WT-2", "Kept", "1.00", 5, "wt"));
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200);
        double misses = gets("product", "miss");
        // The invalidation and the reload are registered, then the transaction rolls back.
        assertThrows(RuntimeException.class, () -> scope.run(TenantCaller.system(tenant.id(), Plan.PRO),
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    products.invalidate(UUID.fromString(id));
                    throw new IllegalStateException("rolled back");
                })));
        Thread.sleep(500);
        assertEquals(misses, gets("product", "miss"), "no reload");
    }

    @Test
    void aPurgeIsFollowedByWarmingTheFirstPageAndTheSummary() {
        Api.TestTenant tenant = Api.newTenant("warming");
        createProduct(tenant.adminKey(), product("WARM-1", "Warm", "1.00", 5, "warm"));
        double pages = gets("product-pages", "miss");
        double summaries = gets("product-summary", "miss");

        as(tenant.adminKey()).delete("/api/v1/cache").then().statusCode(204);

        await().atMost(Duration.ofSeconds(5)).until(() -> gets("product-pages", "miss") > pages
                && gets("product-summary", "miss") > summaries);
        assertFirstPageIsAHit(tenant);
    }

    @Test
    void atStartTheMostActiveTenantsAreWarmed() throws Exception {
        Api.TestTenant tenant = Api.newTenant("warm-at-start");
        createProduct(tenant.adminKey(), product("WARM-2", "Warm", "1.00", 5, "warm"));
        Database.update("UPDATE api_keys SET last_used_at = now() + interval '1 day' WHERE tenant_id = ?", tenant.id());
        double pages = gets("product-pages", "miss");

        assertEquals(1, warming.warmActiveTenants());

        await().atMost(Duration.ofSeconds(5)).until(() -> gets("product-pages", "miss") > pages);
        assertFirstPageIsAHit(tenant);
    }

    private void assertFirstPageIsAHit(Api.TestTenant tenant) {
        double hits = gets("product-pages", "hit");
        as(tenant.adminKey()).get("/api/v1/products").then().statusCode(200).body("items.size()", is(1));
        assertEquals(hits + 1, gets("product-pages", "hit"), "the first page was warm");
    }

    private double gets(String cache, String result) {
        return registry.find("cache.gets").tags("cache", cache, "result", result).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
