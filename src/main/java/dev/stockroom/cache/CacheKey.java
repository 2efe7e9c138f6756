package dev.stockroom.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.stockroom.redis.RedisKeys;

/**
 * Where an entry lives and what it depends on. Every key starts with the tenant's hash tag, so one script
 * touches the entry, the tenant's generations and its index in one cluster slot.
 */
record CacheKey(UUID tenantId, String cache, String hash, String caller, List<String> tags) {

    String tag() {
        return RedisKeys.tenantTag(tenantId);
    }

    String entry() {
        return tag() + ":c:" + cache + ":" + (caller == null ? "" : caller + ":") + hash;
    }

    String lease() {
        return leaseOf(entry());
    }

    String revocation() {
        return revocationOf(entry());
    }

    /** The lease a loader of the entry holds: {@code {t:<tenant>}:c:lease:<cache>:<hash>}. */
    static String leaseOf(String entryKey) {
        return companion(entryKey, "lease");
    }

    /**
     * The entry's revocation token: set anew by every invalidation of the entry, read with the generations
     * before a load and checked again by its store ({@code {t:<tenant>}:c:rev:<cache>:<hash>}).
     */
    static String revocationOf(String entryKey) {
        return companion(entryKey, "rev");
    }

    private static String companion(String entryKey, String kind) {
        int at = entryKey.indexOf(":c:") + 3;
        return entryKey.substring(0, at) + kind + ":" + entryKey.substring(at);
    }

    static String generations(UUID tenantId) {
        return RedisKeys.tenantTag(tenantId) + ":c:gen";
    }

    static String index(UUID tenantId) {
        return RedisKeys.tenantTag(tenantId) + ":c:idx";
    }

    static String statistics(UUID tenantId) {
        return RedisKeys.tenantTag(tenantId) + ":c:stats";
    }

    /** The generation fields the entry is stored under: tenant, cache, each tag, the caller. */
    List<String> generationFields() {
        List<String> fields = new ArrayList<>(3 + tags.size());
        fields.add(Generation.tenant());
        fields.add(Generation.cache(cache));
        tags.forEach(tag -> fields.add(Generation.tag(tag)));
        if (caller != null) {
            fields.add(Generation.caller(caller));
        }
        return fields;
    }

    /** Fields of the generations hash. */
    static final class Generation {
        private Generation() {
        }

        static String tenant() {
            return "t";
        }

        static String cache(String cache) {
            return "c:" + cache;
        }

        static String tag(String tag) {
            return "g:" + tag;
        }

        static String caller(String caller) {
            return "k:" + caller;
        }
    }
}
