package dev.stockroom.cache;

/**
 * Fills a tenant's most requested entries, by calling {@code @TenantCached} methods with the arguments real
 * requests use (the first page of a list, say). Beans implementing it are run, as the tenant, when
 * {@code stockroom.cache.warming.enabled} is on: at start for the most active tenants, and after a purge.
 */
public interface CacheWarmer {

    void warm();
}
