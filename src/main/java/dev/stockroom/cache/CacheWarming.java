package dev.stockroom.cache;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import dev.stockroom.tenancy.TenantCaller;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/** Runs the {@link CacheWarmer}s in the background: for the most active tenants at start, and for a tenant after a purge. */
@ApplicationScoped
public class CacheWarming {

    private final CacheConfig config;
    private final Instance<CacheWarmer> warmers;
    private final CacheRefresher refresher;
    private final WarmableTenants tenants;

    CacheWarming(CacheConfig config, @Any Instance<CacheWarmer> warmers, CacheRefresher refresher,
            WarmableTenants tenants) {
        this.config = config;
        this.warmers = warmers;
        this.refresher = refresher;
        this.tenants = tenants;
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
        List<TenantCaller> active = tenants.mostRecentlyActive(config.warming().maxTenants());
        active.forEach(this::warm);
        return active.size();
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
