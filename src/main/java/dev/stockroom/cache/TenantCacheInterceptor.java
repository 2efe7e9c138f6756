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
 * Calls without a tenant (platform work) and with the cache disabled run the method. A call probed by
 * {@link CachedReads} is answered from the near cache, or with null and the key, and the method does not run.
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
    private final CachedReads reads;
    private final Map<Method, CachedMethod> methods = new ConcurrentHashMap<>();

    TenantCacheInterceptor(CacheConfig config, TenantContext tenant, CacheKeys keys, TwoLevelCache cache, ObjectMapper json,
            Traced traced, CachedReads reads) {
        this.config = config;
        this.tenant = tenant;
        this.keys = keys;
        this.cache = cache;
        this.json = json;
        this.traced = traced;
        this.reads = reads;
    }

    /** What a cached method needs on every call, worked out on its first. */
    private record CachedMethod(TenantCached binding, JavaType type, Duration ttl) {
    }

    @AroundInvoke
    Object cached(InvocationContext invocation) throws Exception {
        Optional<TenantCaller> caller = tenant.caller();
        CachedReads.Probe probe = reads.probing();
        if (probe != null) {
            probe.answered = true;
        }
        if (!config.enabled() || caller.isEmpty()) {
            return probe != null ? null : invocation.proceed();
        }
        CachedMethod method = methods.computeIfAbsent(invocation.getMethod(),
                m -> describe(m, invocation.getInterceptorBinding(TenantCached.class)));
        CacheKey key = keys.of(method.binding(), caller.get(), invocation.getParameters());
        if (probe != null) {
            probe.key = key;
            probe.type = method.type();
            return cache.nearHit(key); // never runs the method: on null, CachedReads asks Redis
        }
        return traced.call("cache " + method.binding().cache(), "stockroom.cache.name", method.binding().cache(),
                () -> cache.get(key, method.type(), method.ttl(), invocation::proceed));
    }

    private CachedMethod describe(Method method, TenantCached binding) {
        return new CachedMethod(binding, json.getTypeFactory().constructType(method.getGenericReturnType()),
                ttl(binding));
    }

    private Duration ttl(TenantCached binding) {
        if (!binding.ttl().isEmpty()) {
            return DurationConverter.parseDuration(binding.ttl());
        }
        CacheConfig.Cache named = config.caches().get(binding.cache());
        return named != null && named.ttl().isPresent() ? named.ttl().get() : config.defaultTtl();
    }
}
