package dev.stockroom.tenancy;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * Runs work for one tenant outside the request that would normally name it: scheduled jobs, start-up
 * seeding, or the operator creating a tenant's first key. Activates a request context when none is active,
 * and restores the previous tenant afterwards, so it nests inside a request without leaking.
 */
@ApplicationScoped
public class TenantScope {

    private final TenantContext context;

    TenantScope(TenantContext context) {
        this.context = context;
    }

    public <T> T call(TenantCaller caller, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        TenantCaller previous = context.caller().orElse(null);
        try {
            context.set(caller);
            return work.get();
        } finally {
            context.set(previous);
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    public void run(TenantCaller caller, Runnable work) {
        call(caller, () -> {
            work.run();
            return null;
        });
    }

    public void run(UUID tenantId, Plan plan, Runnable work) {
        run(TenantCaller.system(tenantId, plan), work);
    }
}
