package dev.stockroom.auth;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A failure budget of 30 per address, few remembered keys, and no key-usage writes during the test. */
public class AuthThrottleProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "stockroom.rate-limit.policies.auth-failures.limit", "30",
                "stockroom.api-keys.cache-max-entries", "10",
                "stockroom.api-keys.last-used-flush-interval", "1h");
    }
}
