package dev.stockroom.apikey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;

import dev.stockroom.localcache.LocalCaches;
import dev.stockroom.redis.Invalidation;
import dev.stockroom.redis.InvalidationBus;
import dev.stockroom.redis.InvalidationBusStatus;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantChanged;
import dev.stockroom.tenancy.TenantStatus;
import io.agroal.api.AgroalDataSource;

/**
 * Verifies API keys. A key is looked up once by its prefix (one SQL query, as platform work since the tenant
 * is not known yet) and then remembered, so known keys cost no query. The stored hash is compared in constant
 * time on every request. Remembered keys are dropped when they are revoked and whenever the invalidation bus
 * drops or reconnects, and are not used while the bus is not current (every lookup then reads the database); a key remembered from a lookup that began before its tenant last changed (suspended,
 * re-planned, deleted) is looked up again on its next use, in O(1), which also catches lookups that were
 * still running when the change arrived. Unknown prefixes are remembered apart, in a cache of their own, so
 * that a flood of made-up keys never pushes known keys out.
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
    private final InvalidationBus bus;
    private final Cache<String, Remembered> known;
    private final Cache<String, Boolean> unknown;
    /** Counts tenant changes; a lookup notes the count before it reads the database. */
    private final AtomicLong tenantChanges = new AtomicLong();
    /** The count at each tenant's last change, kept as long as a remembered key can be. */
    private final Cache<UUID, Long> tenantChangedAt;
    /** Test-only: when set, each lookup signals and waits after reading the database (to stage races). */
    private volatile LookupHold holdLookups;

    ApiKeyVerifier(AgroalDataSource dataSource, KeyUsage usage, InvalidationBus bus, ApiKeyConfig config) {
        this.dataSource = dataSource;
        this.usage = usage;
        this.bus = bus;
        this.known = LocalCaches.expiringAfterWrite(config.cacheMaxEntries(), config.cacheTtl());
        this.unknown = LocalCaches.expiringAfterWrite(config.unknownCacheMaxEntries(), config.cacheTtl());
        this.tenantChangedAt = LocalCaches.expiringAfterWrite(config.cacheMaxEntries(), config.cacheTtl());
    }

    /** Test-only: {@code reached} counts down when a lookup has read the database; it then awaits {@code release}. */
    record LookupHold(CountDownLatch reached, CountDownLatch release) {
    }

    /** Test-only (a method, since tests reach this bean through its client proxy); null: no hold. */
    void holdLookups(LookupHold hold) {
        this.holdLookups = hold;
    }

    /** A looked-up key and the count of tenant changes before its lookup began. */
    private record Remembered(VerifiedKey key, long changesBefore) {
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
        if (!ApiKeySecrets.looksLikeKey(key) || !bus.current()) {
            return false;
        }
        String prefix = ApiKeySecrets.prefixOf(key);
        Remembered remembered = known.getIfPresent(prefix);
        return remembered != null ? current(remembered) : unknown.getIfPresent(prefix) != null;
    }

    private Optional<VerifiedKey> lookup(String prefix) {
        if (!bus.current()) {
            return load(prefix); // a revocation may be on its way: what this instance remembers cannot be trusted
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            // Loaded inside the known cache's own computation, so that a revocation arriving meanwhile waits
            // for the load and then drops its result, instead of the load storing what was just revoked.
            Remembered remembered = known.get(prefix, this::remembered);
            if (remembered == null) {
                return Optional.empty();
            }
            if (current(remembered)) {
                return Optional.of(remembered.key());
            }
            known.asMap().remove(prefix, remembered); // read before its tenant's last change: read again
        }
        return load(prefix); // the tenant keeps changing: answer from the database, remember nothing
    }

    /** False when the key was read before its tenant's last change. */
    private boolean current(Remembered remembered) {
        Long changedAt = tenantChangedAt.getIfPresent(remembered.key().tenantId());
        return changedAt == null || remembered.changesBefore() >= changedAt;
    }

    private Remembered remembered(String prefix) {
        if (unknown.getIfPresent(prefix) != null) {
            return null;
        }
        long changesBefore = tenantChanges.get();
        VerifiedKey loaded = load(prefix).orElse(null);
        LookupHold hold = holdLookups;
        if (hold != null) {
            hold.reached().countDown();
            try {
                hold.release().await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (loaded == null) {
            unknown.put(prefix, Boolean.TRUE);
            return null;
        }
        return new Remembered(loaded, changesBefore);
    }

    void onInvalidation(@Observes Invalidation invalidation) {
        switch (invalidation.topic()) {
            case KEY_REVOKED -> known.invalidate(invalidation.subject());
            case TenantChanged.TOPIC -> tenantChangedAt.put(invalidation.tenantId(), tenantChanges.incrementAndGet());
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
