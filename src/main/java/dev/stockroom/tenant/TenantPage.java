package dev.stockroom.tenant;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A page of tenants, ordered by slug; {@code nextCursor} is absent on the last page. */
public record TenantPage(List<TenantView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
}
