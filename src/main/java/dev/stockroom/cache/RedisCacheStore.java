package dev.stockroom.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;


import dev.stockroom.redis.LuaScript;
import dev.stockroom.redis.RedisBreaker;
import dev.stockroom.redis.RedisCalls;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The Redis layer (L2): each operation is one script call in the tenant's slot, bounded by
 * {@code stockroom.cache.redis-timeout} and behind a circuit breaker, so that a Redis that is away costs
 * requests nothing but the loader's own time.
 */
@ApplicationScoped
public class RedisCacheStore {

    private static final LuaScript GET = LuaScript.load("cache-get.lua");
    private static final LuaScript PUT = LuaScript.load("cache-put.lua");
    private static final LuaScript STATS = LuaScript.load("cache-stats.lua");

    private final ReactiveRedisDataSource redis;
    private final CacheConfig config;
    private final RedisCalls redisCalls;

    RedisCacheStore(ReactiveRedisDataSource redis, CacheConfig config, RedisCalls redisCalls) {
        this.redis = redis;
        this.config = config;
        this.redisCalls = redisCalls;
    }

    /** A hit ({@code value} set) or a miss with the generations to store under and whether we hold the lease. */
    record Lookup(String value, String generations, boolean leased) {
    }

    /** Blocking, and synchronous for the circuit breaker (see RedisRateLimiter). */
    @CircuitBreaker(requestVolumeThreshold = RedisBreaker.REQUEST_VOLUME, failureRatio = RedisBreaker.FAILURE_RATIO,
            delay = RedisBreaker.DELAY_MILLIS, successThreshold = RedisBreaker.SUCCESSES)
    public Lookup get(CacheKey key, String leaseToken, long leaseMillis) {
        Response response = redisCalls.await(config.redisTimeout(),
                GET.run(redis, keys(key), arguments(key, leaseToken, Long.toString(leaseMillis))));
        return response.get(0).toInteger() == 1
                ? new Lookup(response.get(1).toString(), null, false)
                : new Lookup(null, response.get(1).toString(), response.get(2).toInteger() == 1);
    }

    /**
     * The entry if it is current, or null: a read without consequence on a miss (no lease, no statistics),
     * made by a caller that does not block, which reads again with {@link #get} before it loads.
     */
    @CircuitBreaker(requestVolumeThreshold = RedisBreaker.REQUEST_VOLUME, failureRatio = RedisBreaker.FAILURE_RATIO,
            delay = RedisBreaker.DELAY_MILLIS, successThreshold = RedisBreaker.SUCCESSES)
    public Uni<String> peek(CacheKey key) {
        return redisCalls.nonBlocking(config.redisTimeout(),
                GET.run(redis, keys(key), arguments(key, Long.toHexString(ThreadLocalRandom.current().nextLong()), "peek")))
                .map(response -> response.get(0).toInteger() == 1 ? response.get(1).toString() : null);
    }

    /** Stores unless the generations moved since {@code generations} was read; the item is the number evicted by quota, or -1 when not stored. */
    @CircuitBreaker(requestVolumeThreshold = RedisBreaker.REQUEST_VOLUME, failureRatio = RedisBreaker.FAILURE_RATIO,
            delay = RedisBreaker.DELAY_MILLIS, successThreshold = RedisBreaker.SUCCESSES)
    public long put(CacheKey key, String generations, String value, long ttlMillis, String leaseToken) {
        List<String> args = new ArrayList<>();
        args.add(generations);
        args.add(value);
        args.add(Long.toString(ttlMillis));
        args.add(leaseToken);
        args.add(Integer.toString(config.tenantQuota().maxEntries()));
        args.addAll(key.generationFields());
        Response response = redisCalls.await(config.redisTimeout(), PUT.run(redis, List.of(key.entry(),
                CacheKey.generations(key.tenantId()), key.lease(), CacheKey.index(key.tenantId()), key.revocation()),
                args));
        return response.get(0).toInteger() == 1 ? response.get(1).toLong() : -1L;
    }

    private static List<String> keys(CacheKey key) {
        return List.of(key.entry(), CacheKey.generations(key.tenantId()), key.lease(), CacheKey.statistics(key.tenantId()),
                key.revocation());
    }

    private static List<String> arguments(CacheKey key, String leaseToken, String leaseMillis) {
        List<String> args = new ArrayList<>(3 + key.generationFields().size());
        args.add(key.cache());
        args.add(leaseToken);
        args.add(leaseMillis);
        args.addAll(key.generationFields());
        return args;
    }

    /** Gives up a lease this instance took, so that another miss may load at once instead of waiting it out. */
    @CircuitBreaker(requestVolumeThreshold = RedisBreaker.REQUEST_VOLUME, failureRatio = RedisBreaker.FAILURE_RATIO,
            delay = RedisBreaker.DELAY_MILLIS, successThreshold = RedisBreaker.SUCCESSES)
    public void releaseLease(CacheKey key) {
        redisCalls.await(config.redisTimeout(), redis.execute("DEL", key.lease()));
    }

    /**
     * Bumps generation fields, or revokes single entries: O(1) whatever the number of entries. Revoking an
     * entry sets a new revocation token, which refuses the store of any load that began before it, and
     * deletes the entry and its lease, so that the next miss loads at once instead of waiting for a load
     * whose value can no longer be stored.
     */
    Uni<Void> invalidate(UUID tenantId, List<InvalidationScope> scopes) {
        List<Uni<Response>> commands = new ArrayList<>();
        for (InvalidationScope scope : scopes) {
            switch (scope.kind()) {
                case ENTRY -> {
                    commands.add(redis.execute("SET", CacheKey.revocationOf(scope.value()),
                            Long.toHexString(ThreadLocalRandom.current().nextLong()), "PX",
                            Long.toString(config.revocationMemory().toMillis())));
                    commands.add(redis.execute("DEL", scope.value(), CacheKey.leaseOf(scope.value())));
                }
                case GENERATION -> commands.add(redis.execute("HINCRBY", CacheKey.generations(tenantId), scope.value(), "1"));
            }
        }
        return bounded(Uni.join().all(commands).andFailFast()).replaceWithVoid();
    }

    /** Per cache: hits, misses, entries, bytes. */
    public Uni<Map<String, long[]>> statistics(UUID tenantId) {
        String prefix = CacheKey.generations(tenantId).replace(":c:gen", ":c:");
        return bounded(STATS.run(redis, List.of(CacheKey.index(tenantId), CacheKey.statistics(tenantId)), List.of(prefix)))
                .map(response -> {
                    Map<String, long[]> figures = new LinkedHashMap<>();
                    Response counters = response.get(0);
                    for (int i = 0; i + 1 < counters.size(); i += 2) {
                        String field = counters.get(i).toString();
                        long[] row = figures.computeIfAbsent(field.substring(2), c -> new long[4]);
                        row[field.startsWith("h:") ? 0 : 1] += counters.get(i + 1).toLong();
                    }
                    Response sizes = response.get(1);
                    for (int i = 0; i + 2 < sizes.size(); i += 3) {
                        long[] row = figures.computeIfAbsent(sizes.get(i).toString(), c -> new long[4]);
                        row[2] = sizes.get(i + 1).toLong();
                        row[3] = sizes.get(i + 2).toLong();
                    }
                    return figures;
                });
    }

    private <T> Uni<T> bounded(Uni<T> call) {
        return redisCalls.within(config.redisTimeout(), call);
    }
}
