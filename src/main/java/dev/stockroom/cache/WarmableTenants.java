package dev.stockroom.cache;

import java.util.List;

import dev.stockroom.tenancy.TenantCaller;

/**
 * The tenants whose caches are worth warming at start. The cache knows tenants only by id, so the feature
 * that owns them implements this.
 */
public interface WarmableTenants {

    /** Active tenants, those whose keys were used most recently first, at most {@code max}. */
    List<TenantCaller> mostRecentlyActive(int max);
}
