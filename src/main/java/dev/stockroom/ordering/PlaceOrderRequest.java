package dev.stockroom.ordering;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/v1/orders}: 1 to 100 lines. A product may appear on several lines: {@link OrderPlacement}
 * merges them into one order line with the summed quantity.
 */
public record PlaceOrderRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> lines) {

    @Schema(name = "OrderLineRequest")
    public record Line(@NotNull UUID productId, @NotNull @Min(1) @Max(1_000_000) Integer quantity) {
    }
}
