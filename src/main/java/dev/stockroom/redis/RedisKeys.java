package dev.stockroom.redis;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * The key schema shared by every feature that keeps state in Redis. Every key of a tenant starts with the
 * hash tag {@code {t:<tenant>}}, so that all of a tenant's keys live in one Redis Cluster slot and one script
 * may touch several of them; keys of no tenant use {@code {ip:<address>}}. Ids are written in base64url
 * (22 characters for a UUID instead of 36): short keys keep per-key memory near 90 bytes.
 * <pre>
 * {t:&lt;tenant&gt;}:rl:&lt;policy&gt;[:&lt;key prefix&gt;][:log]   rate limiter state (GCRA value, or sliding-log set)
 * {ip:&lt;address&gt;}:rl:&lt;policy&gt;[:log]                 per-address rate limiter state
 * </pre>
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    public static String tenantTag(UUID tenantId) {
        return "{t:" + compact(tenantId) + "}";
    }

    public static String addressTag(String address) {
        // IPv6 addresses hold ':' but never braces, so the tag stays well-formed.
        return "{ip:" + (address == null ? "unknown" : address) + "}";
    }

    /** The hash tag of a key: keys with the same tag hash to the same cluster slot. */
    public static String hashTag(String key) {
        int open = key.indexOf('{');
        return key.substring(open, key.indexOf('}', open) + 1);
    }

    public static String compact(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
