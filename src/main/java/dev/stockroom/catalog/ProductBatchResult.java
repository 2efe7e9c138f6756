package dev.stockroom.catalog;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What each operation of a batch did, in request order; {@code version} is absent for deletes. */
public record ProductBatchResult(List<Item> results) {

    @Schema(name = "ProductBatchResultItem", description = "`version` is absent for deletes")
    public record Item(int index, ProductBatchRequest.Kind op, UUID id, Long version) {
    }
}
