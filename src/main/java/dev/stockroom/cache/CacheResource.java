package dev.stockroom.cache;

import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Roles;

/** The tenant's own cache, for its ADMIN keys. Every purge is O(1). */
@Path("/api/v1/cache")
@RolesAllowed(Roles.ADMIN)
@RateLimited
@Tag(name = "Cache")
public class CacheResource {

    private final CacheInvalidator cache;
    private final CacheStatistics statistics;

    CacheResource(CacheInvalidator cache, CacheStatistics statistics) {
        this.cache = cache;
        this.statistics = statistics;
    }

    @GET
    @Path("/stats")
    public Map<String, Map<String, CacheFigures>> statistics() {
        return Map.of("caches", statistics.ofCurrentTenant());
    }

    @DELETE
    public void purge() {
        cache.purgeTenant();
    }

    @DELETE
    @Path("/tags/{tag}")
    public void purgeTag(@PathParam("tag") String tag) {
        cache.invalidateTags(tag);
    }

    @DELETE
    @Path("/caches/{name}")
    public void purgeCache(@PathParam("name") String name) {
        cache.invalidateCache(name);
    }
}
