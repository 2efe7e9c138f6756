package dev.stockroom.tenancy;

import java.util.UUID;

/**
 * A CDI event, fired inside the transaction that deletes the tenant and all its data: observers register
 * what to drop with {@code AfterCommit}, so that nothing is dropped for a deletion that rolls back.
 */
public record TenantDeleted(UUID tenantId) {
}
