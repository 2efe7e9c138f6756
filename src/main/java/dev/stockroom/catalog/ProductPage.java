package dev.stockroom.catalog;

import java.util.List;

/**
 * A page of products, newest first. {@code nextCursor} (keyset paging) or {@code nextOffset} (offset paging)
 * is absent on the last page. Items hold only the requested fields when a sparse fieldset was asked for.
 */
public record ProductPage(List<?> items, String nextCursor, Integer nextOffset) {
}
