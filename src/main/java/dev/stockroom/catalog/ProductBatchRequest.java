package dev.stockroom.catalog;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/v1/products/batch}: up to 500 operations, applied all or none. */
public record ProductBatchRequest(@NotNull @Size(min = 1, max = 500) List<@NotNull @Valid Operation> operations) {

    @Schema(name = "ProductBatchOperationKind")
    public enum Kind {
        @JsonProperty("create")
        CREATE,
        @JsonProperty("update")
        UPDATE,
        @JsonProperty("delete")
        DELETE
    }

    /**
     * One operation: {@code create} takes a product; {@code update} an id and a product; {@code delete} an id.
     * {@code ifVersion} makes an update or delete conditional, like {@code If-Match}.
     */
    @Schema(name = "ProductBatchOperation")
    public record Operation(@NotNull Kind op, UUID id, @Min(0) Long ifVersion, @Valid ProductRequest product) {

        /** Why the operation is not well-formed, or null. */
        String shapeError() {
            return switch (op) {
                case CREATE -> product == null ? "create needs a product" : id != null ? "create takes no id" : null;
                case UPDATE -> id == null || product == null ? "update needs an id and a product" : null;
                case DELETE -> id == null ? "delete needs an id" : product != null ? "delete takes no product" : null;
            };
        }
    }
}
