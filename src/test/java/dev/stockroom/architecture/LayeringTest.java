package dev.stockroom.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The layering that docs/architecture.md describes: each layer uses only the layers below it, and no two
 * packages depend on each other, even within a layer. A lower package that needs to tell a higher one
 * something owns an event or an interface for it (TenantDeleted, TenantChanged, WarmableTenants).
 */
class LayeringTest {

    private static final JavaClasses MAIN = MainClasses.imported();

    @Test
    void packagesFormNoCycle() {
        slices().matching("dev.stockroom.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Local development").definedBy("dev.stockroom.localdev..")
                .layer("Domain").definedBy("dev.stockroom.catalog..", "dev.stockroom.ordering..",
                        "dev.stockroom.tenant..")
                .layer("Identity").definedBy("dev.stockroom.apikey..", "dev.stockroom.auth..")
                .layer("Cache and limits").definedBy("dev.stockroom.cache..", "dev.stockroom.ratelimit..",
                        "dev.stockroom.idempotency..")
                .layer("Tenancy").definedBy("dev.stockroom.tenancy..")
                .layer("Infrastructure").definedBy("dev.stockroom.http..", "dev.stockroom.redis..",
                        "dev.stockroom.localcache..", "dev.stockroom.observability..", "dev.stockroom.transaction..")
                .whereLayer("Local development").mayNotBeAccessedByAnyLayer()
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Local development")
                .whereLayer("Identity").mayOnlyBeAccessedByLayers("Domain", "Local development")
                .whereLayer("Cache and limits").mayOnlyBeAccessedByLayers("Identity", "Domain", "Local development")
                .whereLayer("Tenancy")
                .mayOnlyBeAccessedByLayers("Cache and limits", "Identity", "Domain", "Local development")
                .whereLayer("Infrastructure")
                .mayOnlyBeAccessedByLayers("Tenancy", "Cache and limits", "Identity", "Domain", "Local development")
                .check(MAIN);
    }
}
