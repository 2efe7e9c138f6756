package dev.stockroom.cache;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Every hit goes to Redis, to measure what a Redis hit costs. */
public class NearCacheOffProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("stockroom.cache.near.enabled", "false");
    }
}
