package dev.stockroom.apikey;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.stockroom.cache.CacheInvalidator;
import dev.stockroom.http.ProblemException;
import dev.stockroom.redis.Invalidation;
import dev.stockroom.redis.InvalidationBus;

/** Creates, lists and revokes the current tenant's keys. */
@ApplicationScoped
@Transactional
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final InvalidationBus bus;
    private final CacheInvalidator cache;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyRepository keys, InvalidationBus bus, CacheInvalidator cache) {
        this.keys = keys;
        this.bus = bus;
        this.cache = cache;
    }

    /** A new key for the current tenant; the returned value holds the key, which is never shown again. */
    public CreatedApiKey create(String name, ApiKeyRole role, Instant expiresAt) {
        return issue(null, name, role, expiresAt);
    }

    /**
     * The first ADMIN key of a tenant being created by the operator. Platform work has no tenant of its own,
     * so the tenant id is set explicitly (Hibernate keeps it for the root tenant).
     */
    public CreatedApiKey createFirst(UUID tenantId) {
        return issue(tenantId, "initial admin key", ApiKeyRole.ADMIN, null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiKeyView> list() {
        return keys.find("order by createdAt, id").list().stream().map(ApiKeyView::of).toList();
    }

    public void revoke(UUID id) {
        ApiKey key = keys.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("API key " + id));
        if (key.revokedAt == null) {
            key.revokedAt = Instant.now();
        }
        bus.publishAfterCommit(Invalidation.of(ApiKeyVerifier.KEY_REVOKED, UUID.fromString(key.tenantId), key.prefix));
        cache.purgeCaller(UUID.fromString(key.tenantId), ApiKeySecrets.randomPartOf(key.prefix));
    }

    private CreatedApiKey issue(UUID tenantId, String name, ApiKeyRole role, Instant expiresAt) {
        ApiKeySecrets.NewKey secret = ApiKeySecrets.generate(random);
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.tenantId = tenantId == null ? null : tenantId.toString();
        key.name = name;
        key.prefix = secret.prefix();
        key.hash = ApiKeySecrets.hash(secret.key());
        key.role = role;
        key.expiresAt = expiresAt;
        keys.persist(key);
        return new CreatedApiKey(key.id, secret.key(), key.prefix, key.name, key.role, key.expiresAt);
    }
}
