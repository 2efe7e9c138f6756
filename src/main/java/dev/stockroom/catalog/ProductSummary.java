package dev.stockroom.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Figures per category and currency (prices in different currencies are never mixed); {@code category} is
 * absent for uncategorised products. {@code total} counts every matching product.
 */
@RegisterForReflection
public record ProductSummary(List<Group> groups, Total total) {

    @RegisterForReflection
    @Schema(name = "ProductSummaryGroup", description = "`category` is absent for uncategorised products")
    public record Group(String category, String currency, long products, long stock, BigDecimal minPrice,
            BigDecimal maxPrice, BigDecimal averagePrice) {
    }

    @RegisterForReflection
    @Schema(name = "ProductSummaryTotal")
    public record Total(long products, long stock) {
    }
}
