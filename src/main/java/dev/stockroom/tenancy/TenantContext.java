package dev.stockroom.tenancy;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/**
 * The tenant the current request (or background job) acts for. Filled from the authenticated identity by
 * {@link TenantContextFilter}, or explicitly by {@link TenantScope} outside requests; read by the Hibernate
 * tenant resolver, the connection interceptor that applies row-level security, and the cache and rate
 * limiter keys. Empty for platform work (operator endpoints, anonymous requests).
 */
@RequestScoped
public class TenantContext {

    private TenantCaller caller;

    public Optional<TenantCaller> caller() {
        return Optional.ofNullable(caller);
    }

    public Optional<UUID> tenantId() {
        return caller == null ? Optional.empty() : Optional.of(caller.tenantId());
    }

    /** The tenant id, for code that only runs on tenant requests. */
    public UUID requireTenantId() {
        if (caller == null) {
            throw new IllegalStateException("No tenant in this context");
        }
        return caller.tenantId();
    }

    void set(TenantCaller caller) {
        this.caller = caller;
    }
}
