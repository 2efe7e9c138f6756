package dev.stockroom.apikey;

import java.time.Instant;
import java.util.UUID;

import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantStatus;

/** A key as verification needs it: who it belongs to and whether it is still good. */
public record VerifiedKey(UUID keyId, String prefix, UUID tenantId, ApiKeyRole role, Plan plan,
        TenantStatus tenantStatus, Instant expiresAt, Instant revokedAt, byte[] hash) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
