package dev.stockroom.cache;

import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.stockroom.catalog.ProductJson;
import dev.stockroom.catalog.ProductService;
import dev.stockroom.support.Api;
import dev.stockroom.support.Database;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantScope;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(NearCacheOffProfile.class)
class RedisHitCostTest {

    @Inject
    ProductService products;

    @Inject
    TenantScope scope;

    @Inject
    RedisDataSource redis;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    CacheKeys keys;

    @Test
    void aRedisHitIsOneCommandAndNoSql() {
        Api.TestTenant tenant = Api.newTenant("l2");
        UUID id = UUID.fromString(createProduct(tenant.adminKey(), product("L2-1", "Cached", "1.00", 1, "x")));
        TenantCaller caller = TenantCaller.system(tenant.id(), Plan.PRO);
        ProductJson loaded = scope.call(caller, () -> products.get(id));

        // Invalidations that earlier tests left to the outbox would be relayed during the count.
        await().atMost(Duration.ofSeconds(10)).until(() -> Database.count("select count(*) from cache_invalidations") == 0);
        var commands = RedisCommands.byCommand(redis);
        long statements = sessionFactory.getStatistics().getPrepareStatementCount();
        for (int i = 0; i < 5; i++) {
            assertEquals(loaded, scope.call(caller, () -> products.get(id)));
        }
        // One round trip per hit: the EVALSHA; HMGET, two GETs (the entry's revocation token and the entry)
        // and HINCRBY are the script's own steps inside it.
        assertEquals(Map.of("evalsha", 5L, "hmget", 5L, "get", 10L, "hincrby", 5L),
                RedisCommands.since(commands, redis));
        assertEquals(0, sessionFactory.getStatistics().getPrepareStatementCount() - statements, "no SQL on a hit");
    }

    @Test
    void anEntryThatDoesNotReadAsTheCachedTypeIsAMissNotAnError() {
        Api.TestTenant tenant = Api.newTenant("l2-format");
        UUID id = UUID.fromString(createProduct(tenant.adminKey(), product("L2-F", "Formats", "1.00", 1, "x")));
        TenantCaller caller = TenantCaller.system(tenant.id(), Plan.PRO);
        ProductJson loaded = scope.call(caller, () -> products.get(id));
        // What another version of the service could have stored under the same key: the same generations,
        // a value of another shape.
        String entry = keys.entryKey(tenant.id(), ProductService.PRODUCT_CACHE, new Object[] { id });
        String stored = redis.value(String.class).get(entry);
        String generations = stored.substring(0, stored.indexOf('\n'));
        redis.value(String.class).set(entry, generations + "\nj{\"id\":\"" + id + "\",\"name\":\"Formats\"}");

        long statements = sessionFactory.getStatistics().getPrepareStatementCount();
        assertEquals(loaded, scope.call(caller, () -> products.get(id)));
        assertTrue(sessionFactory.getStatistics().getPrepareStatementCount() > statements, "answered by the loader");
        assertTrue(redis.value(String.class).get(entry).endsWith("\"name\":\"Formats\"}"),
                "the other version's entry is left as it is");
    }
}
