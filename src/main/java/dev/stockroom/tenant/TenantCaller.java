package dev.stockroom.tenant;

import java.util.UUID;

/**
 * Who is calling on behalf of a tenant: the tenant, its plan, and the API key with its role
 * ({@code keyId} and {@code role} are null for background work that acts for the tenant as a whole).
 */
public record TenantCaller(UUID tenantId, Plan plan, UUID keyId, String role) {

    public static TenantCaller system(UUID tenantId, Plan plan) {
        return new TenantCaller(tenantId, plan, null, null);
    }
}
