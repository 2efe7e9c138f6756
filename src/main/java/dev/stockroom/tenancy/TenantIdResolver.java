package dev.stockroom.tenancy;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;

/**
 * Gives Hibernate the tenant of the current request for {@code @TenantId} columns: entities are stamped with
 * it and every query is filtered by it. Platform work (no tenant) runs as the root tenant, which Hibernate
 * leaves unfiltered; the database still confines tenant work through row-level security.
 */
@PersistenceUnitExtension
@RequestScoped
public class TenantIdResolver implements TenantResolver {

    /** The nil UUID: never a real tenant, and a valid value for the uuid column type. */
    static final String PLATFORM = new UUID(0, 0).toString();

    private final TenantContext context;

    TenantIdResolver(TenantContext context) {
        this.context = context;
    }

    @Override
    public String getDefaultTenantId() {
        return PLATFORM;
    }

    @Override
    public String resolveTenantId() {
        return context.tenantId().map(UUID::toString).orElse(PLATFORM);
    }

    @Override
    public boolean isRoot(String tenantId) {
        return PLATFORM.equals(tenantId);
    }
}
