package dev.stockroom.catalog;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A worker pool small enough for a test to occupy every thread of it. */
public class FewWorkersProfile implements QuarkusTestProfile {

    static final int WORKERS = 4;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.thread-pool.max-threads", String.valueOf(WORKERS));
    }
}
