package dev.stockroom.tenancy;

import java.util.UUID;

/**
 * Who is calling on behalf of a tenant: the tenant, its plan, and the API key (its id, the random part of
 * its display prefix, its role); the key fields are null for background work acting for the whole tenant.
 */
public record TenantCaller(UUID tenantId, Plan plan, UUID keyId, String keyPrefix, String role) {

    public static TenantCaller system(UUID tenantId, Plan plan) {
        return new TenantCaller(tenantId, plan, null, null, null);
    }
}
