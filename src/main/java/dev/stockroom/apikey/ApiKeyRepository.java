package dev.stockroom.apikey;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Tenant-scoped by {@code @TenantId}: every query here sees the current tenant's keys only. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, UUID> {

    /** Keys that authenticate now: neither revoked nor expired. */
    public long countActive() {
        return count("revokedAt is null and (expiresAt is null or expiresAt > ?1)", Instant.now());
    }

    /**
     * Serializes key creation within the tenant until the transaction ends, so that concurrent creations
     * cannot pass the cap together. An advisory lock: the tenant role may not lock its tenant row.
     */
    public void lockKeyCreation(UUID tenantId) {
        getEntityManager().createNativeQuery("select 1 from pg_advisory_xact_lock(hashtextextended(:lock, 0))")
                .setParameter("lock", "api-keys:" + tenantId).getSingleResult();
    }
}
