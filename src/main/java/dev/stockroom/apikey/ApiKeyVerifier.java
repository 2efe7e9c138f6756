package dev.stockroom.apikey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;
import dev.stockroom.redis.Invalidation;
import dev.stockroom.redis.InvalidationBusStatus;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantChanged;
import dev.stockroom.tenancy.TenantStatus;
import io.agroal.api.AgroalDataSource;

/**
 * Verifies API keys. A key is looked up once by its prefix (one SQL query, as platform work since the tenant
 * is not known yet) and then remembered, so known keys cost no query. The stored hash is compared in constant
 * time on every request. Remembered keys are dropped when they are revoked, when their tenant changes, and
 * whenever the invalidation bus drops or reconnects.
 */
@ApplicationScoped
public class ApiKeyVerifier {

    static final String KEY_REVOKED = "api-key-revoked";

    private static final String LOOKUP = """
            SELECT k.id, k.tenant_id, k.role, k.hash, k.expires_at, k.revoked_at, t.plan, t.status
            FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
            WHERE k.prefix = ?""";

    private final AgroalDataSource dataSource;
    private final KeyUsage usage;
    private final Cache<String, Optional<VerifiedKey>> byPrefix;

    ApiKeyVerifier(AgroalDataSource dataSource, KeyUsage usage, ApiKeyConfig config) {
        this.dataSource = dataSource;
        this.usage = usage;
        this.byPrefix = LocalCaches.expiringAfterWrite(config.cacheMaxEntries(), config.cacheTtl());
    }

    /** The key if it is known, unrevoked, unexpired and matches; its tenant may still be suspended. */
    public Optional<VerifiedKey> verify(String key) {
        if (!ApiKeySecrets.looksLikeKey(key)) {
            return Optional.empty();
        }
        Optional<VerifiedKey> found = byPrefix.get(ApiKeySecrets.prefixOf(key), this::load);
        Optional<VerifiedKey> verified = found.filter(k -> ApiKeySecrets.matches(key, k.hash()))
                .filter(k -> k.usableAt(Instant.now()));
        verified.ifPresent(k -> usage.record(k.keyId()));
        return verified;
    }

    /** The remembered entry for a key, without loading it: lets callers skip a thread switch on a hit. */
    public boolean remembers(String key) {
        return ApiKeySecrets.looksLikeKey(key) && byPrefix.getIfPresent(ApiKeySecrets.prefixOf(key)) != null;
    }

    void onInvalidation(@Observes Invalidation invalidation) {
        switch (invalidation.topic()) {
            case KEY_REVOKED -> byPrefix.invalidate(invalidation.subject());
            case TenantChanged.TOPIC -> byPrefix.asMap().values()
                    .removeIf(k -> k.isPresent() && k.get().tenantId().equals(invalidation.tenantId()));
            default -> {
            }
        }
    }

    void onBusStatus(@Observes InvalidationBusStatus status) {
        byPrefix.invalidateAll();
    }

    private Optional<VerifiedKey> load(String prefix) {
        // Plain JDBC, not Hibernate: this runs inside authentication (Caffeine's loader, called from
        // CredentialIdentityProvider), before TenantContextFilter and outside any transaction, and it reads the
        // tenant's plan and status from tenants, whose entity belongs to the tenant package above this one. A
        // connection checked out with no tenant in the context is platform work: it finds any tenant's key.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(LOOKUP)) {
            query.setString(1, prefix);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new VerifiedKey(row.getObject(1, UUID.class), prefix, row.getObject(2, UUID.class),
                        ApiKeyRole.valueOf(row.getString(3)), Plan.valueOf(row.getString(7)),
                        TenantStatus.valueOf(row.getString(8)), instant(row.getTimestamp(5)),
                        instant(row.getTimestamp(6)), row.getBytes(4)));
            }
        } catch (SQLException e) {
            throw new KeyLookupException(e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The key store could not be read: the request cannot be authenticated now (503, not 401). */
    public static class KeyLookupException extends RuntimeException {
        KeyLookupException(SQLException cause) {
            super("API keys could not be read", cause);
        }
    }
}
