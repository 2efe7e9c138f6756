package dev.stockroom.catalog;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The filters shared by the product list and the summary, validated ({@link ProductFilterParams} reads them
 * from the query). Every field is optional. Hashed as JSON into cache keys.
 */
@RegisterForReflection
public record ProductFilter(String category, String tag, String q, BigDecimal minPrice, BigDecimal maxPrice) {

    public static ProductFilter none() {
        return new ProductFilter(null, null, null, null, null);
    }

    /** The HQL condition for the filter (over alias {@code p}); the tenant condition is Hibernate's. */
    String where(Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (category != null) {
            where.append(" and p.category = :category");
            parameters.put("category", category);
        }
        if (tag != null) {
            where.append(" and array_contains(p.tags, :tag)");
            parameters.put("tag", tag);
        }
        if (q != null) {
            where.append(" and p.name ilike :q escape '\\'");
            parameters.put("q", "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (minPrice != null) {
            where.append(" and p.price >= :minPrice");
            parameters.put("minPrice", minPrice);
        }
        if (maxPrice != null) {
            where.append(" and p.price <= :maxPrice");
            parameters.put("maxPrice", maxPrice);
        }
        return where.toString();
    }

    static Map<String, Object> parameters() {
        return new HashMap<>();
    }
}
