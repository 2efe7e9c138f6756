package dev.stockroom.tenant;

import java.time.Instant;
import java.util.UUID;

import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantStatus;

public record TenantView(UUID id, String slug, String name, Plan plan, TenantStatus status, Instant createdAt,
        Instant updatedAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id, tenant.slug, tenant.name, tenant.plan, tenant.status, tenant.createdAt,
                tenant.updatedAt);
    }
}
