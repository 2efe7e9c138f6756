package dev.stockroom.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.stockroom.tenancy.Plan;

/** {@code POST /admin/tenants}. The plan defaults to FREE. */
public record CreateTenantRequest(
        @NotNull @Pattern(regexp = "^[a-z0-9][a-z0-9-]{1,62}$",
                message = "must be 2 to 63 lowercase letters, digits or hyphens, not starting with a hyphen") String slug,
        @NotBlank @Size(max = 200) String name,
        Plan plan) {
}
