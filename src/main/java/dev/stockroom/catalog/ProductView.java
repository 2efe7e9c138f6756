package dev.stockroom.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A product as the API shows it. */
@RegisterForReflection
@Schema(name = "Product", description = "A product. `description` and `category` are absent when not set; in a "
        + "listing with a sparse fieldset (`fields=`) only the named fields are present.")
public record ProductView(UUID id, String sku, String name, String description, BigDecimal price, String currency,
        int stock, String category, List<String> tags, long version, Instant createdAt, Instant updatedAt) {

    /** The field names a sparse fieldset ({@code fields=}) may name. */
    public static final Set<String> FIELDS = Set.of("id", "sku", "name", "description", "price", "currency", "stock",
            "category", "tags", "version", "createdAt", "updatedAt");

    static ProductView of(Product p) {
        return new ProductView(p.id, p.sku, p.name, p.description, p.price, p.currency, p.stock, p.category,
                List.copyOf(p.tags), p.version, p.createdAt, p.updatedAt);
    }
}
