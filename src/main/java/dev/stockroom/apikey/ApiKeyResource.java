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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.stockroom.http.Problem;
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
    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The key is in `key`, shown this once. Roles: ADMIN.")
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "Location", ref = "Location"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "409", description = "Conflict: `api-key-cap-reached` (with `cap`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public RestResponse<CreatedApiKey> create(@Valid @NotNull CreateApiKeyRequest request) {
        CreatedApiKey created = keys.create(request.name(), request.role(), request.expiresAt());
        URI location = URI.create("/api/v1/api-keys/" + created.id());
        return RestResponse.ResponseBuilder.<CreatedApiKey> created(location).entity(created).build();
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List the tenant's API keys",
            description = "By display prefix, never the key. Roles: ADMIN.")
    @APIResponse(responseCode = "200", description = "The keys")
    public List<ApiKeyView> list() {
        return keys.list();
    }

    @DELETE
    @Path("/{id}")
    @RateLimited(policy = { "api", "writes" })
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "Refused on every instance within a second. Roles: ADMIN.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void revoke(@PathParam("id") UUID id) {
        keys.revoke(id);
    }
}
