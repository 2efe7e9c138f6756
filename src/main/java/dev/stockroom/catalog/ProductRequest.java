package dev.stockroom.catalog;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST} and {@code PUT /api/v1/products}: a whole product (PUT replaces it). */
public record ProductRequest(
        @NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
                message = "must be 1 to 64 letters, digits, dots, underscores or hyphens") String sku,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 4000) String description,
        @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @NotNull @IsoCurrency String currency,
        @NotNull @Min(0) @Max(1_000_000_000) Integer stock,
        @Size(min = 1, max = 100) String category,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags) {
}
