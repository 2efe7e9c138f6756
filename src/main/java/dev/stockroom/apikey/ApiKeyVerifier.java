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
 * whenever the invalidation bus drops or reconnects. Unknown prefixes are remembered apart, in a cache of
 * their own, so that a flood of made-up keys never pushes known keys out.
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
    private final Cache<String, VerifiedKey> known;
    private final Cache<String, Boolean> unknown;

    ApiKeyVerifier(AgroalDataSource dataSource, KeyUsage usage, ApiKeyConfig config) {
        this.dataSource = dataSource;
        this.usage = usage;
        this.known = LocalCaches.expiringAfterWrite(config.cacheMaxEntries(), config.cacheTtl());
        this.unknown = LocalCaches.expiringAfterWrite(config.unknownCacheMaxEntries(), config.cacheTtl());
    }

    /** The key if it is known, unrevoked, unexpired and matches; its tenant may still be suspended. */
    public Optional<VerifiedKey> verify(String key) {
        if (!ApiKeySecrets.looksLikeKey(key)) {
            return Optional.empty();
        }
        Optional<VerifiedKey> found = lookup(ApiKeySecrets.prefixOf(key));
        Optional<VerifiedKey> verified = found.filter(k -> ApiKeySecrets.matches(key, k.hash()))
                .filter(k -> k.usableAt(Instant.now()));
        verified.ifPresent(k -> usage.record(k.keyId()));
        return verified;
    }

    /** The remembered entry for a key, without loading it: lets callers skip a thread switch on a hit. */
    public boolean remembers(String key) {
        if (!ApiKeySecrets.looksLikeKey(key)) {
            return false;
        }
        String prefix = ApiKeySecrets.prefixOf(key);
        return known.getIfPresent(prefix) != null || unknown.getIfPresent(prefix) != null;
    }

    private Optional<VerifiedKey> lookup(String prefix) {
        // Loaded inside the known cache's own computation, so that an invalidation arriving meanwhile waits
        // for the load and then drops its result, instead of the load storing what was just revoked.
        return Optional.ofNullable(known.get(prefix, p -> {
            if (unknown.getIfPresent(p) != null) {
                return null;
            }
            VerifiedKey loaded = load(p).orElse(null);
            if (loaded == null) {
                unknown.put(p, Boolean.TRUE);
            }
            return loaded;
        }));
    }

    void onInvalidation(@Observes Invalidation invalidation) {
        switch (invalidation.topic()) {
            case KEY_REVOKED -> known.invalidate(invalidation.subject());
            case TenantChanged.TOPIC -> known.asMap().values()
                    .removeIf(k -> k.tenantId().equals(invalidation.tenantId()));
            default -> {
            }
        }
    }

    void onBusStatus(@Observes InvalidationBusStatus status) {
        known.invalidateAll();
        unknown.invalidateAll();
    }

    private Optional<VerifiedKey> load(String prefix) {
        // Plain JDBC, not Hibernate: this runs inside authentication (called from CredentialIdentityProvider),
        // before TenantContextFilter and outside any transaction, and it reads the tenant's plan and status
        // from tenants, whose entity belongs to the tenant package above this one. A
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
