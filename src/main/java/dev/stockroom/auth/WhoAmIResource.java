package dev.stockroom.auth;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Plan;
import dev.stockroom.tenancy.Roles;
import dev.stockroom.tenancy.TenantCaller;
import dev.stockroom.tenancy.TenantContext;

/** What the credential in hand is: its tenant, plan and role. Costs no database query. */
@Path("/api/v1/whoami")
@RolesAllowed(Roles.READ)
@RateLimited
@Tag(name = "API keys")
public class WhoAmIResource {

    private final TenantContext tenant;

    WhoAmIResource(TenantContext tenant) {
        this.tenant = tenant;
    }

    @GET
    @Operation(operationId = "whoAmI", summary = "The credential's tenant, plan and role", description = "Roles: any.")
    @APIResponse(responseCode = "200", description = "The caller")
    public Caller whoami() {
        TenantCaller caller = tenant.caller().orElseThrow();
        return new Caller(caller.tenantId(), caller.plan(), caller.role(), "sr_" + caller.keyPrefix());
    }

    public record Caller(UUID tenantId, Plan plan, String role, String keyPrefix) {
    }
}
