package dev.stockroom.cache;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.stockroom.http.ProblemException;
import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Roles;

/**
 * The tenant's own cache, for its ADMIN keys. Every purge is O(1). Only tags and caches that code declares can
 * be purged (others: 404), so no caller can add fields to the tenant's generation hash.
 */
@Path("/api/v1/cache")
@RolesAllowed(Roles.ADMIN)
@RateLimited
@Tag(name = "Cache")
public class CacheResource {

    private final CacheInvalidator cache;
    private final CacheStatistics statistics;
    private final CachedMethods methods;

    CacheResource(CacheInvalidator cache, CacheStatistics statistics, CachedMethods methods) {
        this.cache = cache;
        this.statistics = statistics;
        this.methods = methods;
    }

    @GET
    @Path("/stats")
    @Operation(operationId = "getTenantCacheStatistics", summary = "The tenant's cache figures, per cache",
            description = "Kept in Redis: 503 `cache-statistics-unavailable` while it cannot be reached. Roles: ADMIN.")
    @APIResponse(responseCode = "200", description = "Figures under `caches`, by cache name")
    public Map<String, Map<String, CacheFigures>> statistics() {
        return Map.of("caches", statistics.ofCurrentTenant());
    }

    @DELETE
    @Operation(operationId = "purgeTenantCache", summary = "Purge the tenant's whole cache", description = "Roles: ADMIN.")
    @APIResponse(responseCode = "204", description = "Purged")
    public void purge() {
        cache.purgeTenant();
    }

    @DELETE
    @Path("/tags/{tag}")
    @Operation(operationId = "purgeTenantCacheTag", summary = "Purge the tenant's entries under a tag",
            description = "Only tags that code declares. Roles: ADMIN.")
    @APIResponse(responseCode = "204", description = "Purged")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void purgeTag(@PathParam("tag") String tag) {
        if (!methods.declaresTag(tag)) {
            throw ProblemException.notFound("A cache tag of that name");
        }
        cache.invalidateTags(tag);
    }

    @DELETE
    @Path("/caches/{name}")
    @Operation(operationId = "purgeTenantCacheByName", summary = "Purge the tenant's entries of one cache",
            description = "Only caches that code declares. Roles: ADMIN.")
    @APIResponse(responseCode = "204", description = "Purged")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void purgeCache(@PathParam("name") String name) {
        if (!methods.declaresCache(name)) {
            throw ProblemException.notFound("A cache of that name");
        }
        cache.invalidateCache(name);
    }
}
