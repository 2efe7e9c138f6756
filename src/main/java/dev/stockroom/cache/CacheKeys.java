package dev.stockroom.cache;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.tenancy.TenantCaller;

/** Builds the {@link CacheKey} of a call, the same way for the interceptor and for explicit invalidation. */
@ApplicationScoped
public class CacheKeys {

    private final ArgumentHash hash;

    CacheKeys(ObjectMapper json) {
        this.hash = new ArgumentHash(json);
    }

    CacheKey of(TenantCached binding, TenantCaller caller, Object[] arguments) {
        String callerPart = binding.scope() == TenantCached.Scope.CALLER ? caller.keyPrefix() : null;
        return new CacheKey(caller.tenantId(), binding.cache(), hash.of(arguments), callerPart, List.of(binding.tags()));
    }

    String entryKey(UUID tenantId, String cache, Object[] arguments) {
        return new CacheKey(tenantId, cache, hash.of(arguments), null, List.of()).entry();
    }
}
