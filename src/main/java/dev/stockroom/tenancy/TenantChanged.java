package dev.stockroom.tenancy;

import java.util.UUID;

import dev.stockroom.redis.Invalidation;

/**
 * The tenant's plan or status changed, or the tenant is gone: every instance drops what it derived from them
 * (remembered API keys carry both). Published on the invalidation bus under {@link #TOPIC}; features that
 * hold such state observe the {@link Invalidation} with that topic.
 */
public record TenantChanged(UUID tenantId) {

    public static final String TOPIC = "tenant-changed";

    public Invalidation invalidation() {
        return Invalidation.of(TOPIC, tenantId, null);
    }
}
