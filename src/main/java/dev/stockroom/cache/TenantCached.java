package dev.stockroom.cache;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Caches a bean method's result per tenant, in Redis with a near cache in front.
 * <p>
 * The key is the tenant, the cache name, for {@link Scope#CALLER} also the calling API key, and a hash of the
 * canonical JSON of the arguments (so equal arguments share an entry whatever their text holds: ':', '*',
 * '{', newlines). A tenant never reads another tenant's entry: the tenant is part of every key and of the
 * key's hash tag. Values are JSON of the method's declared return type; {@code null} results are not cached.
 * <p>
 * An entry is served only while none of the generations it was stored under has changed: the tenant's,
 * the cache's, each of its {@link #tags()}'s, and for caller scope the caller's. {@link CacheInvalidator} bumps
 * them after commit, which purges in O(1) whatever the number of entries. Concurrent misses of one key load
 * once (locally and across instances). With Redis away the method simply runs.
 */
@InterceptorBinding
@Inherited
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface TenantCached {

    /** The cache name: groups entries for configuration ({@code stockroom.cache.caches."<name>".ttl}), purging and statistics. */
    @Nonbinding
    String cache();

    /** Time to live, as a duration ({@code 5m}); empty takes the configured or default TTL. */
    @Nonbinding
    String ttl() default "";

    /** Tags to purge entries by, across caches. */
    @Nonbinding
    String[] tags() default {};

    /** Whether entries are shared by the tenant's callers or kept per API key. */
    @Nonbinding
    Scope scope() default Scope.TENANT;

    enum Scope {
        /** One entry for all of the tenant's callers. */
        TENANT,
        /** One entry per API key: for results that depend on who asks. */
        CALLER
    }
}
