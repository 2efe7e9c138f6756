package dev.stockroom.catalog;

import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import dev.stockroom.http.QueryParams;

/**
 * The product filters as query parameters, taken with {@code @BeanParam} by the list and the summary. Taken as
 * strings so that a malformed value answers 400 {@code invalid-parameter} naming it: {@link #filter()}
 * validates them.
 */
public record ProductFilterParams(
        @Parameter(description = "Exact category", schema = @Schema(type = SchemaType.STRING, maxLength = 100)) @QueryParam("category") String category,
        @Parameter(description = "Products carrying this tag", schema = @Schema(type = SchemaType.STRING, maxLength = 50)) @QueryParam("tag") String tag,
        @Parameter(description = "Name contains this text, case-insensitively (`%` and `_` are literal)",
                schema = @Schema(type = SchemaType.STRING, maxLength = 100)) @QueryParam("q") String q,
        @Parameter(description = "Lowest price, inclusive", schema = @Schema(type = SchemaType.NUMBER,
                minimum = "0")) @QueryParam("minPrice") String minPrice,
        @Parameter(description = "Highest price, inclusive", schema = @Schema(type = SchemaType.NUMBER,
                minimum = "0")) @QueryParam("maxPrice") String maxPrice) {

    ProductFilter filter() {
        ProductFilter filter = new ProductFilter(QueryParams.text("category", category, 100),
                QueryParams.text("tag", tag, 50), QueryParams.text("q", q, 100),
                QueryParams.decimal("minPrice", minPrice), QueryParams.decimal("maxPrice", maxPrice));
        if (filter.minPrice() != null && filter.maxPrice() != null
                && filter.minPrice().compareTo(filter.maxPrice()) > 0) {
            throw QueryParams.invalid("minPrice", "must not be above maxPrice");
        }
        return filter;
    }
}
