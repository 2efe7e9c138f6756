package dev.stockroom.ratelimit;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Redis at a closed port: the service must start, serve, and apply each policy's failure mode. */
public class RedisUnreachableProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.devservices.enabled", "false");
    }
}
