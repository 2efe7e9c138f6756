package dev.stockroom.tenant;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.stockroom.http.PageRequest;
import dev.stockroom.http.Problem;
import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Roles;

/** Tenant management for the platform operator. */
@Path("/admin/tenants")
@RolesAllowed(Roles.OPERATOR)
@RateLimited(policy = "admin")
@Tag(name = "Operator: tenants")
public class TenantAdminResource {

    private final TenantService tenants;

    TenantAdminResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @Operation(operationId = "createTenant", summary = "Create a tenant with its first ADMIN key",
            description = "The key is shown this once. Operator only.")
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", ref = "Location"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreatedTenant.class)))
    @APIResponse(responseCode = "409", description = "Conflict: `duplicate-slug`, `conflict`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public RestResponse<CreatedTenant> create(@Valid @NotNull CreateTenantRequest request) {
        CreatedTenant created = tenants.create(request);
        URI location = URI.create("/admin/tenants/" + created.tenant().id());
        return RestResponse.ResponseBuilder.<CreatedTenant> created(location).entity(created).build();
    }

    @GET
    @Operation(operationId = "listTenants", summary = "List tenants by slug", description = "Operator only.")
    @APIResponse(responseCode = "200", description = "A page of tenants")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public TenantPage list(@BeanParam PageRequest paging) {
        return tenants.list(paging.limit(), paging.cursor());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTenant", summary = "Read a tenant", description = "Operator only.")
    @APIResponse(responseCode = "200", description = "The tenant")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public TenantView get(@PathParam("id") UUID id) {
        return tenants.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateTenant", summary = "Change a tenant's plan or status",
            description = "Takes effect on every instance at once; a suspended tenant's keys answer 403. Operator only.")
    @APIResponse(responseCode = "200", description = "The tenant as changed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public TenantView update(@PathParam("id") UUID id, @Valid @NotNull TenantPatch patch) {
        return tenants.update(id, patch);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteTenant", summary = "Delete a tenant with all its data", description = "Operator only.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public void delete(@PathParam("id") UUID id) {
        tenants.delete(id);
    }
}
