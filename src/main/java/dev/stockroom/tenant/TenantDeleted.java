package dev.stockroom.tenant;

import java.util.UUID;

/** A CDI event: the tenant and all its data are being deleted; observe it after success to drop derived state. */
public record TenantDeleted(UUID tenantId) {
}
