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

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.stockroom.http.PageRequest;
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
    public RestResponse<CreatedTenant> create(@Valid @NotNull CreateTenantRequest request) {
        CreatedTenant created = tenants.create(request);
        URI location = URI.create("/admin/tenants/" + created.tenant().id());
        return RestResponse.ResponseBuilder.<CreatedTenant> created(location).entity(created).build();
    }

    @GET
    public TenantPage list(@BeanParam PageRequest paging) {
        return tenants.list(paging.limit(), paging.cursor());
    }

    @GET
    @Path("/{id}")
    public TenantView get(@PathParam("id") UUID id) {
        return tenants.get(id);
    }

    @PATCH
    @Path("/{id}")
    public TenantView update(@PathParam("id") UUID id, @Valid @NotNull TenantPatch patch) {
        return tenants.update(id, patch);
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") UUID id) {
        tenants.delete(id);
    }
}
