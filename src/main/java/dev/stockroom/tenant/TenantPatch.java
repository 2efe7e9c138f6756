package dev.stockroom.tenant;

import jakarta.validation.constraints.AssertTrue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.TenantStatus;

/** {@code PATCH /admin/tenants/{id}}: the fields to change; absent fields stay as they are. */
@Schema(minProperties = 1)
public record TenantPatch(Plan plan, TenantStatus status) {

    @Schema(hidden = true) // a validation rule, not a field
    @AssertTrue(message = "name at least one of plan and status")
    public boolean isChangingSomething() {
        return plan != null || status != null;
    }
}
