package dev.stockroom.cache;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.redis.Invalidation;
import dev.stockroom.redis.InvalidationBus;
import dev.stockroom.redis.InvalidationBusStatus;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * The read path of {@code @TenantCached}: near cache, then one Redis call, then the loader.
 * <ul>
 * <li>Concurrent misses of one key in this instance share one load (single flight); across instances, the
 * Redis lease taken by the miss lets one load while the others wait up to {@code lock-wait} for its entry.</li>
 * <li>A loaded value is stored only under the generations read before loading (see cache-put.lua).</li>
 * <li>Redis failing or slow: the loader runs and nothing is stored. Invalidations that could not reach
 * Redis are kept and replayed ({@link InvalidationRelay}); until then, and for {@code recovery-grace} after the
 * invalidation bus reconnects, reads bypass Redis so that nothing stale is served.</li>
 * </ul>
 */
@ApplicationScoped
public class TwoLevelCache {

    static final String CACHE_TOPIC = "cache";

    private final RedisCacheStore redis;
    private final CacheConfig config;
    private final CacheMetrics metrics;
    private final NearCache near;
    private final InvalidationBus bus;
    private final ValueCodec codec;
    private final Map<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> unsyncedTenants = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> redisAway = new ThreadLocal<>();
    private volatile long bypassRedisUntil;
    private volatile boolean busConnectedBefore;
    private volatile boolean busConnected;

    TwoLevelCache(RedisCacheStore redis, CacheConfig config, CacheMetrics metrics, InvalidationBus bus,
            ObjectMapper json) {
        this.redis = redis;
        this.bus = bus;
        this.config = config;
        this.metrics = metrics;
        this.near = new NearCache(config.near().maxEntries(), config.near().maxTtl());
        this.codec = new ValueCodec(json, config.compressAbove());
    }

    /** The near cache's value, or null: never blocks, never calls Redis. */
    Object nearHit(CacheKey key) {
        // The near cache answers only while this instance is known to have every invalidation of the last
        // moments (the bus is current); otherwise Redis decides, or the loader.
        if (config.near().enabled() && bus.current()) {
            Object value = near.get(key);
            if (value != null) {
                metrics.get(key.cache(), "hit", "l1");
                return value;
            }
        }
        return null;
    }

    /**
     * The value Redis holds for {@code key}, or null on a miss: read without blocking, so that an entry that
     * only Redis holds is served without a worker thread. A peek takes no lease, so a miss is read again by
     * {@link #get}, which may load. Fails when Redis does not answer; the caller then loads
     * {@link #withoutRedis}, so that a slow Redis costs one timeout, not two.
     */
    Uni<Object> storedValue(CacheKey key, JavaType type) {
        if (redisBypassed(key)) {
            return Uni.createFrom().nullItem();
        }
        long epoch = near.epoch(key.tenantId());
        return redis.peek(key).onItemOrFailure().transform((stored, failure) -> {
            metrics.redisAnswered(failure == null);
            if (failure != null) {
                throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
            }
            Object value = stored == null ? null : decodedQuietly(stored, type);
            if (value != null) {
                metrics.get(key.cache(), "hit", "l2");
                keepNear(key, value, epoch);
            }
            return value;
        });
    }

    /** Runs {@code call} on this thread with every cache read in it going straight to its loader. */
    <T> T withoutRedis(Callable<T> call) throws Exception {
        redisAway.set(Boolean.TRUE);
        try {
            return call.call();
        } finally {
            redisAway.remove();
        }
    }

    private boolean redisBypassed(CacheKey key) {
        return System.currentTimeMillis() < bypassRedisUntil || unsyncedTenants.containsKey(key.tenantId())
                || redisAway.get() != null;
    }

    Object get(CacheKey key, JavaType type, Duration ttl, Callable<Object> loader) throws Exception {
        Object hit = nearHit(key);
        if (hit != null) {
            return hit;
        }
        // Single flight per entry and tenant epoch: a read that starts after an invalidation of the tenant
        // arrived here never joins a load that began before it.
        String flight = key.entry() + '@' + near.epoch(key.tenantId());
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(flight, mine);
        if (running != null) {
            metrics.stampedeWait(key.cache());
            return joined(running);
        }
        try {
            Object value = fetch(key, type, ttl, loader);
            mine.complete(value);
            return value;
        } catch (Exception | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(flight, mine);
        }
    }

    private Object fetch(CacheKey key, JavaType type, Duration ttl, Callable<Object> loader) throws Exception {
        long epoch = near.epoch(key.tenantId());
        if (redisBypassed(key)) {
            metrics.get(key.cache(), "miss", "bypass");
            return metrics.load(key.cache(), loader);
        }
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong());
        long leaseMillis = Math.max(1_000, config.lockWait().toMillis() * 2);
        RedisCacheStore.Lookup lookup = lookup(key, token, leaseMillis);
        if (lookup == null) {
            metrics.get(key.cache(), "miss", "bypass");
            return metrics.load(key.cache(), loader);
        }
        if (lookup.value() != null) {
            Object value = decoded(key, lookup.value(), type);
            if (value == null) {
                return metrics.load(key.cache(), loader);
            }
            metrics.get(key.cache(), "hit", "l2");
            keepNear(key, value, epoch);
            return value;
        }
        metrics.get(key.cache(), "miss", "l2");
        if (!lookup.leased()) {
            lookup = awaitOtherLoader(key, type, token, leaseMillis, lookup);
            if (lookup.value() != null) {
                Object value = decoded(key, lookup.value(), type);
                if (value == null) {
                    return metrics.load(key.cache(), loader);
                }
                keepNear(key, value, epoch);
                return value;
            }
        }
        Object value;
        long loadStarted = System.nanoTime();
        try {
            value = metrics.load(key.cache(), loader);
        } catch (Exception | Error e) {
            releaseLease(key);
            throw e;
        }
        if (System.nanoTime() - loadStarted > config.revocationMemory().toNanos() / 2) {
            // Redis may have forgotten an invalidation that happened during so long a load.
            releaseLease(key);
        } else if (value != null) {
            store(key, lookup.generations(), value, ttl, token, epoch);
        }
        return value;
    }

    /**
     * The stored value, or null when it does not read as the method's type: an entry written by another
     * version of the service (a rolling deployment that changed a cached type). Such a read is a miss that
     * is not stored, so that the versions do not overwrite each other's entries; the entry expires.
     */
    private Object decoded(CacheKey key, String stored, JavaType type) {
        try {
            return codec.decode(stored, type);
        } catch (RuntimeException e) {
            metrics.get(key.cache(), "miss", "undecodable");
            Log.debugf("Cache entry of %s not readable as %s: %s", key.cache(), type, e.toString());
            return null;
        }
    }

    private void keepNear(CacheKey key, Object value, long epoch) {
        if (config.near().enabled()) {
            near.put(key, value, epoch);
        }
    }

    /** As {@link #decoded}, uncounted: the read that follows counts it. */
    private Object decodedQuietly(String stored, JavaType type) {
        try {
            return codec.decode(stored, type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void releaseLease(CacheKey key) {
        try {
            redis.releaseLease(key);
        } catch (RuntimeException e) {
            Log.debugf("Cache lease not released (it expires by itself): %s", e.toString());
        }
    }

    private RedisCacheStore.Lookup awaitOtherLoader(CacheKey key, JavaType type, String token, long leaseMillis,
            RedisCacheStore.Lookup miss) throws InterruptedException {
        metrics.stampedeWait(key.cache());
        long deadline = System.nanoTime() + config.lockWait().toNanos();
        RedisCacheStore.Lookup lookup = miss;
        while (System.nanoTime() < deadline) {
            Thread.sleep(20);
            RedisCacheStore.Lookup again = lookup(key, token, leaseMillis);
            if (again == null) {
                return miss; // Redis went away: load without waiting longer
            }
            lookup = again;
            if (again.value() != null || again.leased()) {
                return again;
            }
        }
        return lookup;
    }

    private RedisCacheStore.Lookup lookup(CacheKey key, String token, long leaseMillis) {
        try {
            RedisCacheStore.Lookup lookup = redis.get(key, token, leaseMillis);
            metrics.redisAnswered(true);
            return lookup;
        } catch (RuntimeException e) {
            metrics.redisAnswered(false);
            Log.debugf("Cache without Redis: %s", e.toString());
            return null;
        }
    }

    private void store(CacheKey key, String generations, Object value, Duration ttl, String token, long epoch) {
        try {
            long evicted = redis.put(key, generations, codec.encode(value), withJitter(ttl), token);
            metrics.redisAnswered(true);
            if (evicted >= 0) {
                metrics.evictions(evicted);
                keepNear(key, value, epoch);
            }
        } catch (RuntimeException e) {
            metrics.redisAnswered(false);
            Log.debugf("Cache entry not stored: %s", e.toString());
        }
    }

    private long withJitter(Duration ttl) {
        long millis = ttl.toMillis();
        return millis + (long) (ThreadLocalRandom.current().nextDouble() * config.ttlJitter() * millis);
    }

    /** Marks a tenant whose invalidation has not reached Redis yet: its reads bypass Redis meanwhile. */
    void unsynced(UUID tenantId, boolean unsynced) {
        if (unsynced) {
            unsyncedTenants.put(tenantId, Boolean.TRUE);
        } else {
            unsyncedTenants.remove(tenantId);
        }
    }

    void onInvalidation(@Observes Invalidation invalidation) {
        if (CACHE_TOPIC.equals(invalidation.topic())) {
            near.invalidate(invalidation.tenantId(), InvalidationScope.decode(invalidation.subject()));
        }
    }

    void onBusStatus(@Observes InvalidationBusStatus status) {
        boolean reconnected = status.connected() && !busConnected && busConnectedBefore;
        busConnected = status.connected();
        near.usable(status.connected()); // dropped in every case: messages may have been missed
        if (reconnected) {
            // Back after an outage: another instance may still be replaying invalidations it could not send.
            bypassRedisUntil = System.currentTimeMillis() + config.recoveryGrace().toMillis();
        }
        if (status.connected()) {
            busConnectedBefore = true;
        }
    }

    long nearSize() {
        return near.size();
    }

    private static Object joined(CompletableFuture<Object> running) throws Exception {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
