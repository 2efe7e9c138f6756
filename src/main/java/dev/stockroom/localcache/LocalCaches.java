package dev.stockroom.localcache;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every in-process Caffeine cache of the service is built here. Caffeine picks a generated class for each
 * combination of features (a cache class such as {@code SSMSW} and a node class such as {@code PSWMS}) and
 * loads both by name, which a native image can only do for classes registered for reflection. The classes
 * below are exactly those of the configurations this factory offers; {@code LocalCachesTest} builds each
 * configuration and fails when one is missing, and an ArchUnit rule keeps {@code Caffeine.newBuilder()} in
 * this class. Quarkus' own cache extension would register its configurations, but it offers only its
 * asynchronous cache, without the synchronous map view the near cache and the key cache need.
 * <p>
 * Every cache does its upkeep (the buffered reads and writes its eviction policy replays) on the thread that
 * reads or writes it, not on the common fork-join pool: these caches are read on the event loops on every
 * request, and handing each drain of the read buffer to a pool thread cost more than the drain itself, a
 * thread woken and parked again each time (docs/benchmarks.md).
 */
@RegisterForReflection(classNames = {
        "com.github.benmanes.caffeine.cache.SSMSW", "com.github.benmanes.caffeine.cache.PSWMS",
        "com.github.benmanes.caffeine.cache.SSMSA", "com.github.benmanes.caffeine.cache.PSAMS",
        "com.github.benmanes.caffeine.cache.WSMS", "com.github.benmanes.caffeine.cache.FSMS" })
public final class LocalCaches {

    private LocalCaches() {
    }

    /** At most {@code maxEntries}; each entry dropped {@code ttl} after it was written. */
    public static <K, V> Cache<K, V> expiringAfterWrite(long maxEntries, Duration ttl) {
        return builder(maxEntries).expireAfterWrite(ttl).build();
    }

    /**
     * At most {@code maxEntries}; keys compared by identity and held weakly, so that an entry goes when its key
     * is no longer used elsewhere.
     */
    public static <K, V> Cache<K, V> weakKeys(long maxEntries) {
        return builder(maxEntries).weakKeys().build();
    }

    /** At most {@code maxEntries}; each entry dropped when it was not read or written for {@code idle}. */
    public static <K, V> Cache<K, V> expiringAfterAccess(long maxEntries, Duration idle) {
        return builder(maxEntries).expireAfterAccess(idle).build();
    }

    private static Caffeine<Object, Object> builder(long maxEntries) {
        return Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run);
    }
}
