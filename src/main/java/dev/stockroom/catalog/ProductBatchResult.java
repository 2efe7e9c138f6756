package dev.stockroom.catalog;

import java.util.List;
import java.util.UUID;

/** What each operation of a batch did, in request order; {@code version} is absent for deletes. */
public record ProductBatchResult(List<Item> results) {

    public record Item(int index, ProductBatchRequest.Kind op, UUID id, Long version) {
    }
}
