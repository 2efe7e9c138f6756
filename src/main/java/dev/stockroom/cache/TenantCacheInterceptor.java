package dev.stockroom.cache;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.observability.Traced;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContext;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Applies {@link TenantCached}: builds the key from the tenant, the cache, the caller (for caller scope) and
 * the arguments, and lets {@link TwoLevelCache} answer. Runs outside transactions, so a hit opens none.
 * Calls without a tenant (platform work) and with the cache disabled run the method.
 */
@TenantCached(cache = "")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class TenantCacheInterceptor {

    private final CacheConfig config;
    private final TenantContext tenant;
    private final CacheKeys keys;
    private final TwoLevelCache cache;
    private final ObjectMapper json;
    private final Traced traced;
    private final Map<Method, JavaType> returnTypes = new ConcurrentHashMap<>();

    TenantCacheInterceptor(CacheConfig config, TenantContext tenant, CacheKeys keys, TwoLevelCache cache, ObjectMapper json,
            Traced traced) {
        this.config = config;
        this.tenant = tenant;
        this.keys = keys;
        this.cache = cache;
        this.json = json;
        this.traced = traced;
    }

    @AroundInvoke
    Object cached(InvocationContext invocation) throws Exception {
        Optional<TenantCaller> caller = tenant.caller();
        if (!config.enabled() || caller.isEmpty()) {
            return invocation.proceed();
        }
        TenantCached binding = invocation.getInterceptorBinding(TenantCached.class);
        CacheKey key = keys.of(binding, caller.get(), invocation.getParameters());
        JavaType type = returnTypes.computeIfAbsent(invocation.getMethod(),
                method -> json.getTypeFactory().constructType(method.getGenericReturnType()));
        return traced.call("cache " + binding.cache(), "stockroom.cache.name", binding.cache(),
                () -> cache.get(key, type, ttl(binding), invocation::proceed));
    }

    private Duration ttl(TenantCached binding) {
        if (!binding.ttl().isEmpty()) {
            return DurationConverter.parseDuration(binding.ttl());
        }
        CacheConfig.Cache named = config.caches().get(binding.cache());
        return named != null && named.ttl().isPresent() ? named.ttl().get() : config.defaultTtl();
    }
}
