package dev.stockroom.ratelimit;

import java.util.ArrayList;
import java.util.List;

import dev.stockroom.ratelimit.RateLimitConfig.Algorithm;
import dev.stockroom.ratelimit.RateLimitConfig.KeyScope;
import dev.stockroom.redis.RedisKeys;
import dev.stockroom.tenancy.TenantCaller;
import io.vertx.ext.web.RoutingContext;

/**
 * Redis keys of limiter state ({@link RedisKeys} gives the schema). Per-key state uses the key's display
 * prefix, unique and short. Sliding-log state has its own suffix, so changing a policy's algorithm never
 * meets state of the other kind. Callers without a tenant are counted per address (an IPv6 address per
 * /64, see {@link ClientAddress#budgetOf}).
 */
final class RateLimitKeys {

    private RateLimitKeys() {
    }

    /** Whether any of the keys is the client's address: only then is it worked out (behind a proxy, it is parsed). */
    static boolean needAddress(List<EffectivePolicy> policies, TenantCaller caller) {
        if (caller == null) {
            return true;
        }
        for (EffectivePolicy policy : policies) {
            if (policy.key() == KeyScope.IP) {
                return true;
            }
        }
        return false;
    }

    /** The keys of {@code policies} for one request of {@code caller} (null for none: counted per address). */
    static List<String> of(List<EffectivePolicy> policies, TenantCaller caller, RoutingContext request) {
        String ip = needAddress(policies, caller) ? ClientAddress.of(request) : null;
        List<String> keys = new ArrayList<>(policies.size());
        for (EffectivePolicy policy : policies) {
            keys.add(key(policy, caller, ip));
        }
        return List.copyOf(keys);
    }

    static String key(EffectivePolicy policy, TenantCaller caller, String ip) {
        String suffix = policy.algorithm() == Algorithm.SLIDING_LOG ? ":log" : "";
        if (caller == null || policy.key() == KeyScope.IP) {
            return RedisKeys.addressTag(ClientAddress.budgetOf(ip)) + ":rl:" + policy.name() + suffix;
        }
        String tenant = RedisKeys.tenantTag(caller.tenantId()) + ":rl:" + policy.name();
        if (policy.key() == KeyScope.API_KEY && caller.keyPrefix() != null) {
            return tenant + ":" + caller.keyPrefix() + suffix;
        }
        return tenant + suffix;
    }
}
