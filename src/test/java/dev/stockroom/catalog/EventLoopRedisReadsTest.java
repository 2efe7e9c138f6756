package dev.stockroom.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * {@link EventLoopReadsTest} with the near cache off: an entry only Redis holds is read from the event loop,
 * so it too is served while every worker is held, and only a miss of Redis waits for a worker.
 */
@QuarkusTest
@TestProfile(EventLoopRedisReadsTest.FewWorkersNoNearCache.class)
class EventLoopRedisReadsTest extends EventLoopReadsTest {

    public static class FewWorkersNoNearCache extends FewWorkersProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.thread-pool.max-threads", String.valueOf(WORKERS), "stockroom.cache.near.enabled", "false");
        }
    }

    @Override
    String servedFrom() {
        return "l2";
    }
}
