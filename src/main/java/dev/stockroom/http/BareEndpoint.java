package dev.stockroom.http;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.arc.properties.IfBuildProperty;

/**
 * The framework's own ceiling, for {@code bench/run.sh}: a Quarkus REST endpoint of this build (its
 * extensions, routes, filters and interceptors) with no work behind it, answering a product-sized JSON text.
 * It exists only in a build made with {@code -Dstockroom.bench.bare-endpoint=true}; the service's own build
 * has no such endpoint and its OpenAPI document does not list it.
 */
@Path("/bench/bare")
@PermitAll
@IfBuildProperty(name = "stockroom.bench.bare-endpoint", stringValue = "true")
public class BareEndpoint {

    /** The size and shape of the benchmark's products, as the peer's {@code /bare} answers them. */
    private static final String PRODUCT = """
            {"id":"00000000-0000-0000-0000-000000004242","sku":"SKU-4242",\
            "name":"Product 4242 5e0a0bd5b1f7a4a4b4f4c56a1a8d9ed3","description":"Generated for benchmarks",\
            "price":242.99,"currency":"EUR","stock":242,"category":"category-42","tags":["tag-2","tag-106"],\
            "version":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}""";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String bare() {
        return PRODUCT;
    }
}
