package dev.stockroom.cache;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import dev.stockroom.tenant.Plan;
import dev.stockroom.tenant.TenantCaller;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Runs the {@link CacheWarmer}s in the background: for the most active tenants at start, and for a tenant after a purge. */
@ApplicationScoped
public class CacheWarming {

    private final CacheConfig config;
    private final Instance<CacheWarmer> warmers;
    private final CacheRefresher refresher;
    private final EntityManager entities;

    CacheWarming(CacheConfig config, @Any Instance<CacheWarmer> warmers, CacheRefresher refresher, EntityManager entities) {
        this.config = config;
        this.warmers = warmers;
        this.refresher = refresher;
        this.entities = entities;
    }

    /** Queues every warmer for one tenant; nothing when warming is off. */
    public void warm(TenantCaller tenant) {
        if (!config.enabled() || !config.warming().enabled()) {
            return;
        }
        TenantCaller system = TenantCaller.system(tenant.tenantId(), tenant.plan());
        for (CacheWarmer warmer : warmers) {
            refresher.submit(system, "warming", warmer::warm);
        }
    }

    /** The active tenants whose keys were used most recently, up to {@code warming.max-tenants}, are warmed. */
    public int warmActiveTenants() {
        List<Object[]> tenants = QuarkusTransaction.requiringNew().call(() -> entities.createNativeQuery("""
                SELECT t.id, t.plan FROM tenants t
                WHERE t.status = 'ACTIVE'
                ORDER BY (SELECT max(k.last_used_at) FROM api_keys k WHERE k.tenant_id = t.id) DESC NULLS LAST, t.created_at DESC
                LIMIT ?1""", Object[].class).setParameter(1, config.warming().maxTenants()).getResultList());
        for (Object[] row : tenants) {
            warm(TenantCaller.system(UUID.fromString(row[0].toString()), Plan.valueOf(row[1].toString())));
        }
        return tenants.size();
    }

    void onStart(@Observes StartupEvent start) {
        if (!config.enabled() || !config.warming().enabled()) {
            return;
        }
        // After start, off the main thread: warming must never delay readiness.
        Uni.createFrom().voidItem().onItem().delayIt().by(config.warming().startDelay()).subscribe().with(ignored -> {
            try {
                Log.infof("Cache warming queued for %d tenants", warmActiveTenants());
            } catch (RuntimeException e) {
                Log.warnf("Cache warming at start skipped: %s", e.toString());
            }
        });
    }
}
