package dev.stockroom.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Cache figures of this instance, all tenants together, for the operator (Prometheus has them per instance too). */
@Path("/admin/cache/stats")
@RolesAllowed(Roles.OPERATOR)
@RateLimited(policy = "admin")
@Tag(name = "Operator: cache")
public class CacheAdminResource {

    private final MeterRegistry registry;
    private final TwoLevelCache cache;
    private final CacheMetrics metrics;

    CacheAdminResource(MeterRegistry registry, TwoLevelCache cache, CacheMetrics metrics) {
        this.registry = registry;
        this.cache = cache;
        this.metrics = metrics;
    }

    @GET
    @Operation(operationId = "getInstanceCacheStatistics", summary = "This instance's cache figures, all tenants",
            description = "Operator only.")
    @APIResponse(responseCode = "200", description = "The figures", content = @Content(mediaType = "application/json",
            schema = @Schema(ref = "InstanceCacheStatistics")))
    public Map<String, Object> statistics() {
        Map<String, Map<String, Long>> gets = new TreeMap<>();
        for (Counter counter : registry.find("cache.gets").counters()) {
            String cacheName = counter.getId().getTag("cache");
            String key = counter.getId().getTag("result") + ":" + counter.getId().getTag("layer");
            gets.computeIfAbsent(cacheName, c -> new TreeMap<>()).merge(key, (long) counter.count(), Long::sum);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("gets", gets);
        figures.put("nearEntries", cache.nearSize());
        figures.put("degraded", metrics.degraded());
        return figures;
    }
}
