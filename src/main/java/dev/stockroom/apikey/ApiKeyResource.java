package dev.stockroom.apikey;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Roles;

/** The tenant's API keys, for its ADMIN keys. */
@Path("/api/v1/api-keys")
@RolesAllowed(Roles.ADMIN)
@RateLimited
@Tag(name = "API keys")
public class ApiKeyResource {

    private final ApiKeyService keys;

    ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @RateLimited(policy = { "api", "writes" })
    public RestResponse<CreatedApiKey> create(@Valid @NotNull CreateApiKeyRequest request) {
        CreatedApiKey created = keys.create(request.name(), request.role(), request.expiresAt());
        URI location = URI.create("/api/v1/api-keys/" + created.id());
        return RestResponse.ResponseBuilder.<CreatedApiKey> created(location).entity(created).build();
    }

    @GET
    public List<ApiKeyView> list() {
        return keys.list();
    }

    @DELETE
    @Path("/{id}")
    @RateLimited(policy = { "api", "writes" })
    public void revoke(@PathParam("id") UUID id) {
        keys.revoke(id);
    }
}
