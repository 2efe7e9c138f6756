package dev.stockroom.apikey;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.stockroom.cache.CacheInvalidator;
import dev.stockroom.http.Problem;
import dev.stockroom.http.ProblemException;
import dev.stockroom.redis.Invalidation;
import dev.stockroom.redis.InvalidationBus;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContext;

/** Creates, lists and revokes the current tenant's keys. */
@ApplicationScoped
@Transactional
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final InvalidationBus bus;
    private final CacheInvalidator cache;
    private final TenantContext tenant;
    private final ApiKeyConfig config;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(ApiKeyRepository keys, InvalidationBus bus, CacheInvalidator cache, TenantContext tenant,
            ApiKeyConfig config) {
        this.keys = keys;
        this.bus = bus;
        this.cache = cache;
        this.tenant = tenant;
        this.config = config;
    }

    /**
     * A new key for the current tenant; the returned value holds the key, which is never shown again. Past
     * the plan's cap of active keys: 409 {@code api-key-cap-reached}.
     */
    public CreatedApiKey create(String name, ApiKeyRole role, Instant expiresAt) {
        TenantCaller caller = tenant.caller().orElseThrow();
        Integer cap = config.maxActiveKeys().get(caller.plan().name());
        if (cap != null) {
            keys.lockKeyCreation(caller.tenantId());
            if (keys.countActive() >= cap) {
                throw Problem.of(409, "api-key-cap-reached")
                        .detail("The " + caller.plan() + " plan allows " + cap
                                + " active API keys; revoke one before creating another")
                        .with("cap", cap).exception();
            }
        }
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
