package peer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.github.bucket4j.ConsumptionProbe;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    /** What {@code /bare} answers: a product of the size the benchmark's products have. */
    private static final Product BARE = new Product(UUID.fromString("00000000-0000-0000-0000-000000004242"),
            "SKU-4242", "Product 4242 5e0a0bd5b1f7a4a4b4f4c56a1a8d9ed3", "Generated for benchmarks",
            new BigDecimal("242.99"), "EUR", 242, "category-42", List.of("tag-2", "tag-106"), 1,
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));

    private final ApiKeys keys;
    private final Limiter limiter;
    private final Catalog catalog;

    ProductResource(ApiKeys keys, Limiter limiter, Catalog catalog) {
        this.keys = keys;
        this.limiter = limiter;
        this.catalog = catalog;
    }

    @GET
    @Path("api/v1/products/{id}")
    public RestResponse<Product> product(@HeaderParam("X-API-Key") String key, @PathParam("id") UUID id) {
        UUID tenant = keys.tenantOf(key).orElse(null);
        if (tenant == null) {
            return RestResponse.status(RestResponse.Status.UNAUTHORIZED);
        }
        ConsumptionProbe probe = limiter.take(key);
        if (!probe.isConsumed()) {
            return RestResponse.ResponseBuilder.<Product>create(429)
                    .header("Retry-After", Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000_000)).build();
        }
        Product product = catalog.get(tenant + ":" + id, tenant, id);
        return product == null ? RestResponse.notFound()
                : RestResponse.ResponseBuilder.ok(product).header("X-RateLimit-Remaining", probe.getRemainingTokens())
                        .build();
    }

    /** The framework's own ceiling: a blocking JSON endpoint with no work behind it. */
    @GET
    @Path("bare")
    public Product bare() {
        return BARE;
    }
}
