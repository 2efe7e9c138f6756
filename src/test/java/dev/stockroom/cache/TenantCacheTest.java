package dev.stockroom.cache;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.redis.InvalidationBus;
import dev.stockroom.redis.RedisKeys;
import dev.stockroom.support.Api;
import dev.stockroom.support.Database;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantScope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TenantCacheTest {

    @Inject
    ProbeService probe;

    @Inject
    TenantScope scope;

    @Inject
    CacheInvalidator cache;

    @Inject
    RedisDataSource redis;

    @Inject
    InvalidationOutbox outbox;

    @BeforeEach
    void reset() {
        probe.reset();
    }

    private <T> T as(UUID tenant, Callable<T> work) {
        return scope.call(TenantCaller.system(tenant, Plan.PRO), () -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aNearCacheHitCostsNoRedisCommand() {
        UUID tenant = Api.newTenant("l1").id();
        as(tenant, () -> probe.value("a"));
        var before = RedisCommands.byCommand(redis);
        for (int i = 0; i < 10; i++) {
            assertEquals(tenant + "|a|v1", as(tenant, () -> probe.value("a")));
        }
        assertEquals(Map.of(), RedisCommands.since(before, redis));
        assertEquals(1, probe.loads.get());
    }

    @Test
    void tenantsNeverShareEntriesWhateverTheArguments() {
        UUID a = Api.newTenant("iso-a").id();
        UUID b = Api.newTenant("iso-b").id();
        for (String argument : List.of("x", "x:y", "*", "{t:" + b + "}", "line\nbreak", "")) {
            assertEquals(a + "|" + argument + "|v1", as(a, () -> probe.value(argument)));
            assertEquals(b + "|" + argument + "|v1", as(b, () -> probe.value(argument)));
        }
        assertEquals(12, probe.loads.get());
    }

    @Test
    void distinctArgumentsNeverCollideAndNeverShapeTheKey() {
        UUID tenant = Api.newTenant("keys").id();
        CacheKeys keys = new CacheKeys(new ObjectMapper());
        Set<String> entries = new HashSet<>();
        for (String argument : List.of("a", "a:", "a*", "{a}", "a\n", "a\r\n", "\"a\"", "[\"a\"]")) {
            String entry = keys.entryKey(tenant, "probe", new Object[] { argument });
            assertTrue(entries.add(entry));
            assertTrue(entry.startsWith(RedisKeys.tenantTag(tenant) + ":c:probe:"));
            assertTrue(entry.substring(entry.lastIndexOf(':') + 1).matches("[A-Za-z0-9_-]{22}"), entry);
        }
    }

    @Test
    void everyKeyOfAnEntryIsInTheTenantsSlot() {
        UUID tenant = UUID.randomUUID();
        CacheKey key = new CacheKey(tenant, "probe", "h", "caller", List.of("t1"));
        String tag = RedisKeys.tenantTag(tenant);
        for (String redisKey : List.of(key.entry(), key.lease(), CacheKey.generations(tenant), CacheKey.index(tenant),
                CacheKey.statistics(tenant))) {
            assertEquals(tag, RedisKeys.hashTag(redisKey));
        }
    }

    @Test
    void purgingATagATenantOrACacheReloads() {
        UUID tenant = Api.newTenant("purge").id();
        as(tenant, () -> probe.value("p"));
        probe.version = "v2";
        assertEquals(tenant + "|p|v1", as(tenant, () -> probe.value("p")), "cached");

        as(tenant, () -> {
            cache.invalidateTags("probes");
            return null;
        });
        assertEquals(tenant + "|p|v2", as(tenant, () -> probe.value("p")));

        probe.version = "v3";
        as(tenant, () -> {
            cache.purgeTenant();
            return null;
        });
        assertEquals(tenant + "|p|v3", as(tenant, () -> probe.value("p")));

        probe.version = "v4";
        as(tenant, () -> {
            cache.invalidateCache("probe");
            return null;
        });
        assertEquals(tenant + "|p|v4", as(tenant, () -> probe.value("p")));

        probe.version = "v5";
        as(tenant, () -> {
            cache.invalidate("probe", "p");
            return null;
        });
        assertEquals(tenant + "|p|v5", as(tenant, () -> probe.value("p")));
    }

    @Test
    void anInvalidationThatCouldMatchNoEntryFailsLoudly() {
        UUID tenant = Api.newTenant("loud").id();
        IllegalArgumentException undeclared = assertThrows(IllegalArgumentException.class,
                () -> as(tenant, () -> {
                    cache.invalidate("no-such-cache", "p");
                    return null;
                }));
        assertTrue(undeclared.getMessage().contains("no-such-cache"), undeclared.getMessage());
        IllegalArgumentException wrongArguments = assertThrows(IllegalArgumentException.class,
                () -> as(tenant, () -> {
                    cache.invalidate("probe", 42);
                    return null;
                }));
        assertTrue(wrongArguments.getMessage().contains("ProbeService.value(String)"), wrongArguments.getMessage());
        IllegalArgumentException callerScoped = assertThrows(IllegalArgumentException.class,
                () -> as(tenant, () -> {
                    cache.invalidate("probe-caller", "p");
                    return null;
                }));
        assertTrue(callerScoped.getMessage().contains("caller-scoped"), callerScoped.getMessage());
    }

    @Test
    void aPurgeIsOneRedisCommandWhateverTheNumberOfEntries() {
        UUID tenant = Api.newTenant("o1").id();
        for (int i = 0; i < 200; i++) {
            int n = i;
            as(tenant, () -> probe.value("entry-" + n));
        }
        var before = RedisCommands.byCommand(redis);
        as(tenant, () -> {
            cache.purgeTenant();
            return null;
        });
        // (RedisCommands leaves out the invalidation bus, which tells the other instances.)
        assertEquals(Map.of("hincrby", 1L), RedisCommands.since(before, redis), "one HINCRBY, whatever the number of entries");
    }

    @Test
    void concurrentMissesOfOneKeyLoadOnce() throws Exception {
        UUID tenant = Api.newTenant("stampede").id();
        probe.delayMillis = 300;
        ExecutorService callers = Executors.newFixedThreadPool(50);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(() -> as(tenant, () -> probe.value("cold")));
        }
        for (Future<String> result : callers.invokeAll(calls)) {
            assertEquals(tenant + "|cold|v1", result.get());
        }
        callers.shutdown();
        assertEquals(1, probe.loads.get());
    }

    @Test
    void aMissWaitsForAnotherInstanceThatHoldsTheLease() throws Exception {
        UUID tenant = Api.newTenant("lease").id();
        CacheKeys keys = new CacheKeys(new ObjectMapper());
        String entry = keys.entryKey(tenant, "probe", new Object[] { "shared" });
        String lease = entry.replace(":c:probe:", ":c:lease:probe:");
        // Another instance is loading this entry: it holds the lease, then stores its value.
        redis.value(String.class).set(lease, "other-instance");
        ExecutorService other = Executors.newSingleThreadExecutor();
        Future<?> store = other.submit(() -> {
            Thread.sleep(300);
            String incarnation = redis.hash(String.class).hget(CacheKey.generations(tenant), "i");
            String generations = redis.hash(String.class).hget(CacheKey.generations(tenant), "t");
            String g = incarnation + "," + (generations == null ? "0" : generations) + ",0,0|0";
            redis.value(String.class).set(entry, g + "\nj\"from the other instance\"");
            redis.key().del(lease);
            return null;
        });
        assertEquals("from the other instance", as(tenant, () -> probe.value("shared")));
        store.get(5, TimeUnit.SECONDS);
        other.shutdown();
        assertEquals(0, probe.loads.get(), "this instance never ran the loader");
    }

    @Test
    void aSlowLoadThatStartedBeforeAWriteIsNeverStoredAfterIt() throws Exception {
        UUID tenant = Api.newTenant("race").id();
        probe.hold = new CountDownLatch(1);
        probe.started = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<String> slow = reader.submit(() -> as(tenant, () -> probe.value("r")));
        assertTrue(probe.started.await(5, TimeUnit.SECONDS));

        // The write commits and invalidates while the slow reader still holds the old value.
        probe.version = "v2";
        as(tenant, () -> {
            cache.invalidateTags("probes");
            return null;
        });
        probe.hold.countDown();
        assertEquals(tenant + "|r|v1", slow.get(5, TimeUnit.SECONDS), "the slow reader answers what it read");
        reader.shutdown();

        probe.hold = null;
        assertEquals(tenant + "|r|v2", as(tenant, () -> probe.value("r")), "but its stale value was not stored");
    }

    @Test
    void aSlowLoadThatStartedBeforeAnEntryInvalidationIsNeverStored() throws Exception {
        UUID tenant = Api.newTenant("entry-race").id();
        String entry = new CacheKeys(new ObjectMapper()).entryKey(tenant, "probe", new Object[] { "e" });
        probe.hold = new CountDownLatch(1);
        probe.started = new CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<String> slow = reader.submit(() -> as(tenant, () -> probe.value("e")));
        assertTrue(probe.started.await(5, TimeUnit.SECONDS));

        // A write of this one entry commits while the slow reader still holds the old value.
        probe.version = "v2";
        as(tenant, () -> {
            cache.invalidate("probe", "e");
            return null;
        });
        probe.hold.countDown();
        assertEquals(tenant + "|e|v1", slow.get(5, TimeUnit.SECONDS), "the slow reader answers what it read");
        reader.shutdown();

        // Neither Redis (what every other instance reads) nor this instance keeps the old value.
        assertNull(redis.value(String.class).get(entry), "the stale load was not stored in Redis");
        probe.hold = null;
        assertEquals(tenant + "|e|v2", as(tenant, () -> probe.value("e")));
        assertTrue(redis.value(String.class).get(entry).endsWith("v2\""), "the fresh value is stored");
    }

    @Test
    void anInvalidationWhoseInstanceDiedAfterCommitIsRelayedByTheOutbox() throws Exception {
        UUID tenant = Api.newTenant("outbox").id();
        assertEquals(tenant + "|o|v1", as(tenant, () -> probe.value("o")));
        probe.version = "v2";
        // The write commits its invalidation with it, and its instance dies before relaying it: the
        // transaction is all that happens, no after-commit action runs.
        String entry = new CacheKeys(new ObjectMapper()).entryKey(tenant, "probe", new Object[] { "o" });
        as(tenant, () -> QuarkusTransaction.requiringNew().call(
                () -> outbox.record(tenant, List.of(InvalidationScope.entry(entry)))));
        assertEquals(tenant + "|o|v1", as(tenant, () -> probe.value("o")), "nothing relayed it yet");

        // Any live instance relays what was left, to Redis and to every near cache.
        await().atMost(Duration.ofSeconds(10)).until(() -> as(tenant, () -> probe.value("o")).endsWith("|v2"));
        assertEquals(0, Database.count("select count(*) from cache_invalidations where tenant_id = ?", tenant));
    }

    @Test
    void nearCachesAreDroppedWhenRedisLosesItsData() {
        UUID tenant = Api.newTenant("flushed").id();
        assertEquals(tenant + "|n|v1", as(tenant, () -> probe.value("n")), "now held in the near cache too");
        // Redis loses its data (a flush, an empty restart, a failover to a replica without it), and with it
        // an invalidation of this entry that had not reached this instance yet.
        probe.version = "v2";
        redis.key().keys(RedisKeys.tenantTag(tenant) + "*").forEach(key -> redis.key().del(key));
        redis.key().del(InvalidationBus.EPOCH_KEY);
        await().atMost(Duration.ofSeconds(2)).until(() -> as(tenant, () -> probe.value("n")).endsWith("|v2"));
    }

    @Test
    void entriesDoNotComeBackWhenTheGenerationsVanish() {
        UUID tenant = Api.newTenant("incarnation").id();
        assertEquals(tenant + "|g|v1", as(tenant, () -> probe.value("g")));
        probe.version = "v2";
        as(tenant, () -> {
            cache.invalidateTags("probes");
            return null;
        });
        // Redis loses the generation hash (evicted, a failover to a replica that lags, a restore): the tag's
        // counter would read 0 again, as when the v1 entry was stored.
        redis.key().del(CacheKey.generations(tenant));
        assertEquals(tenant + "|g|v2", as(tenant, () -> probe.value("g")));
        assertEquals(2, probe.loads.get());
    }

    @Test
    void aReadAfterAnInvalidationNeverJoinsOrWaitsForALoadThatBeganBeforeIt() throws Exception {
        UUID tenant = Api.newTenant("flight").id();
        probe.hold = new CountDownLatch(1);
        probe.started = new CountDownLatch(1);
        ExecutorService readers = Executors.newFixedThreadPool(2);
        Future<String> before = readers.submit(() -> as(tenant, () -> probe.value("f")));
        assertTrue(probe.started.await(5, TimeUnit.SECONDS));

        probe.version = "v2";
        as(tenant, () -> {
            cache.invalidate("probe", "f");
            return null;
        });
        // The first load is still held (its lease taken, its flight open); a read that starts now loads anew.
        probe.started = new CountDownLatch(1);
        Future<String> after = readers.submit(() -> as(tenant, () -> probe.value("f")));
        assertTrue(probe.started.await(5, TimeUnit.SECONDS), "the later read runs its own load");
        probe.hold.countDown();
        assertEquals(tenant + "|f|v2", after.get(5, TimeUnit.SECONDS));
        assertEquals(tenant + "|f|v1", before.get(5, TimeUnit.SECONDS));
        readers.shutdown();
        probe.hold = null;
        assertEquals(tenant + "|f|v2", as(tenant, () -> probe.value("f")), "the earlier load's value was not stored");
    }

    @Test
    void callerScopedEntriesArePerKeyAndPurgedWithTheKey() {
        Api.TestTenant tenant = Api.newTenant("caller");
        TenantCaller first = new TenantCaller(tenant.id(), Plan.PRO, UUID.randomUUID(), "AAAAAAAAAA", "ADMIN");
        TenantCaller second = new TenantCaller(tenant.id(), Plan.PRO, UUID.randomUUID(), "BBBBBBBBBB", "ADMIN");
        assertEquals("AAAAAAAAAA|q", scope.call(first, () -> probe.perCaller("q")));
        assertEquals("BBBBBBBBBB|q", scope.call(second, () -> probe.perCaller("q")));
        assertEquals("AAAAAAAAAA|q", scope.call(first, () -> probe.perCaller("q")));
        assertEquals(2, probe.loads.get());
        cache.purgeCaller(tenant.id(), "AAAAAAAAAA");
        scope.call(first, () -> probe.perCaller("q"));
        scope.call(second, () -> probe.perCaller("q"));
        assertEquals(3, probe.loads.get());
        assertNotEquals(first.keyPrefix(), second.keyPrefix());
    }
}
