package dev.stockroom.ratelimit;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Limits small enough to exhaust in a test. */
public class SmallLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("stockroom.rate-limit.policies.api.limit", "5"),
                Map.entry("stockroom.rate-limit.policies.writes.limit", "100"),
                Map.entry("stockroom.rate-limit.policies.orders-create.limit", "2"),
                Map.entry("stockroom.rate-limit.policies.orders-create.window", "10s"),
                Map.entry("stockroom.rate-limit.policies.auth-failures.limit", "3"),
                Map.entry("stockroom.rate-limit.policies.tenant.limit", "12"),
                Map.entry("stockroom.rate-limit.plans.PRO.multiplier", "1.0"),
                Map.entry("stockroom.rate-limit.plans.ENTERPRISE.multiplier", "2.0"),
                Map.entry("stockroom.rate-limit.roles.READ_ONLY.multiplier", "0.4"));
    }
}
