package dev.stockroom.localdev;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.stockroom.apikey.ApiKeyRole;
import dev.stockroom.apikey.ApiKeyService;
import dev.stockroom.catalog.ProductRequest;
import dev.stockroom.catalog.ProductService;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantScope;
import dev.stockroom.tenant.CreateTenantRequest;
import dev.stockroom.tenant.TenantRepository;
import dev.stockroom.tenant.TenantService;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode only: a demo tenant with a few hundred products, and a fresh ADMIN key printed at every start
 * (keys are stored hashed, so an earlier one cannot be shown again).
 */
@IfBuildProfile("dev")
public class DemoData {

    static final String SLUG = "demo";
    static final int PRODUCTS = 300;
    private static final List<String> CATEGORIES = List.of("tools", "garden", "kitchen", "office", "toys", "books");
    private static final List<String> ADJECTIVES = List.of("Sturdy", "Compact", "Deluxe", "Classic", "Eco", "Pro");
    private static final List<String> NOUNS = List.of("Hammer", "Trowel", "Kettle", "Stapler", "Kite", "Notebook");

    void seed(@Observes StartupEvent event, TenantService tenants, TenantRepository tenantRepository,
            ApiKeyService keys, ProductService products, TenantScope scope,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        var existing = QuarkusTransaction.requiringNew().call(() -> tenantRepository.findBySlug(SLUG));
        String key;
        UUID tenantId;
        if (existing.isEmpty()) {
            var created = tenants.create(new CreateTenantRequest(SLUG, "Demo Ltd", Plan.PRO));
            tenantId = created.tenant().id();
            key = created.apiKey().key();
        } else {
            tenantId = existing.get().id;
            key = scope.call(TenantCaller.system(tenantId, existing.get().plan),
                    () -> keys.create("dev mode " + Instant.now(), ApiKeyRole.ADMIN, null).key());
        }
        scope.run(tenantId, Plan.PRO, () -> {
            if (products.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> {
                    for (int i = 0; i < PRODUCTS; i++) {
                        products.create(product(i));
                    }
                });
            }
        });
        Log.infof("""
                Demo tenant '%s' is ready with %d products. Its ADMIN key for this run:
                    %s
                Try:
                    curl -s 'http://localhost:%d/api/v1/products?limit=5&category=tools' -H 'X-API-Key: %s'""",
                SLUG, PRODUCTS, key, port, key);
    }

    private static ProductRequest product(int i) {
        String name = ADJECTIVES.get(i % ADJECTIVES.size()) + " " + NOUNS.get((i / ADJECTIVES.size()) % NOUNS.size())
                + " " + (i + 1);
        return new ProductRequest("DEMO-%04d".formatted(i + 1), name, "A demo product", BigDecimal.valueOf(199 + i * 37L, 2),
                "EUR", (i * 7) % 120, CATEGORIES.get(i % CATEGORIES.size()), List.of(i % 3 == 0 ? "sale" : "new"));
    }
}
