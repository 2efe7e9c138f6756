package dev.stockroom.tenant;

import dev.stockroom.apikey.CreatedApiKey;

/** A new tenant with its first ADMIN key, shown this once. */
public record CreatedTenant(TenantView tenant, CreatedApiKey apiKey) {
}
