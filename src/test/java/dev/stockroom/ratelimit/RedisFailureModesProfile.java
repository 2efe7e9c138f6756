package dev.stockroom.ratelimit;

import java.util.HashMap;
import java.util.Map;

/**
 * Redis at a closed port, and the service's own policies set to each failure mode: {@code api} open,
 * {@code writes} local with 3 per window, {@code orders-create} closed.
 */
public class RedisFailureModesProfile extends RedisUnreachableProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("stockroom.rate-limit.policies.api.limit", "2");
        overrides.put("stockroom.rate-limit.policies.api.on-redis-failure", "open");
        overrides.put("stockroom.rate-limit.policies.writes.limit", "3");
        overrides.put("stockroom.rate-limit.policies.writes.on-redis-failure", "local");
        overrides.put("stockroom.rate-limit.policies.orders-create.on-redis-failure", "closed");
        return overrides;
    }
}
