package dev.stockroom.catalog;

import jakarta.ws.rs.QueryParam;

import dev.stockroom.http.QueryParams;

/**
 * The product filters as query parameters, taken with {@code @BeanParam} by the list and the summary. Taken as
 * strings so that a malformed value answers 400 {@code invalid-parameter} naming it: {@link #filter()}
 * validates them.
 */
public record ProductFilterParams(@QueryParam("category") String category, @QueryParam("tag") String tag,
        @QueryParam("q") String q, @QueryParam("minPrice") String minPrice, @QueryParam("maxPrice") String maxPrice) {

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
