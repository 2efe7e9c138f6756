package dev.stockroom.catalog;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.stockroom.cache.CachedReads;
import dev.stockroom.http.EntityTags;
import dev.stockroom.http.PageRequest;
import dev.stockroom.http.Problem;
import dev.stockroom.http.QueryParams;
import dev.stockroom.idempotency.Idempotent;
import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Roles;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * The tenant's product catalog. Reads run on the event loop ({@code @NonBlocking}): a near-cache hit is
 * answered there, and only a miss moves to a worker thread ({@link CachedReads}).
 */
@Path("/api/v1/products")
@RateLimited
@Tag(name = "Products")
public class ProductResource {

    static final int MAX_OFFSET = 10_000;

    private final ProductService catalog;
    private final ProductBatch batch;
    private final CachedReads cached;

    ProductResource(ProductService catalog, ProductBatch batch, CachedReads cached) {
        this.catalog = catalog;
        this.batch = batch;
        this.cached = cached;
    }

    @GET
    @RolesAllowed(Roles.READ)
    @Operation(operationId = "listProducts", summary = "List products, newest first",
            description = "Keyset paging with `cursor`, or offset paging with `offset`. Roles: any.")
    @APIResponse(responseCode = "200", description = "A page of products",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductPage.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Uni<RestResponse<String>> list(@BeanParam ProductFilterParams filters, @BeanParam PageRequest paging,
            @Parameter(description = "Offset paging instead of the cursor (then `nextOffset` instead of `nextCursor`)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int32", minimum = "0",
                            maximum = "10000")) @QueryParam("offset") String offset,
            @Parameter(description = "A sparse fieldset: a comma-separated list of product fields; items hold only these",
                    example = "id,name,price") @QueryParam("fields") String fields) {
        ProductFilter filter = filters.filter();
        int limit = paging.limit();
        SparseFields sparse = SparseFields.parse(fields);
        if (offset != null && paging.cursor() != null) {
            throw QueryParams.invalid("offset", "cannot be combined with cursor");
        }
        String canonicalFields = sparse == null ? null : sparse.toString();
        String cursor = paging.cursor();
        Uni<String> page;
        if (offset == null) {
            page = cached.read(() -> catalog.list(filter, limit, cursor, canonicalFields));
        } else {
            int from = QueryParams.intValue("offset", offset, 0, 0, MAX_OFFSET);
            page = cached.read(() -> catalog.listByOffset(filter, limit, from, canonicalFields));
        }
        return page.map(json -> RestResponse.ResponseBuilder.ok(json, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Path("/summary")
    @RolesAllowed(Roles.READ)
    @Operation(operationId = "summarizeProducts", summary = "Figures per category and currency",
            description = "Takes the filters of the listing. Roles: any.")
    @APIResponse(responseCode = "200", description = "The figures")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Uni<ProductSummary> summary(@BeanParam ProductFilterParams filters) {
        ProductFilter filter = filters.filter();
        return cached.read(() -> catalog.summary(filter));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READ)
    @Operation(operationId = "getProduct", summary = "Read a product",
            description = "Conditional with If-None-Match or If-Modified-Since (304), If-Match or If-Unmodified-Since "
                    + "(412). Roles: any.")
    @Parameter(ref = "If-None-Match")
    @Parameter(ref = "If-Modified-Since")
    @Parameter(ref = "If-Match")
    @Parameter(ref = "If-Unmodified-Since")
    @APIResponse(responseCode = "200", description = "The product", headers = {
            @Header(name = "ETag", ref = "ETag"), @Header(name = "Last-Modified", ref = "Last-Modified") },
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "304", ref = "NotModified")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    public Uni<RestResponse<String>> get(@PathParam("id") UUID id, @Context HttpHeaders request) {
        return cached.read(() -> catalog.get(id)).map(product -> {
            RestResponse<String> notModified = EntityTags.notModified(request, product.version(), product.updatedAt());
            return notModified != null ? notModified : EntityTags.withValidators(
                    RestResponse.ResponseBuilder.ok(product.json(), MediaType.APPLICATION_JSON_TYPE), product.version(),
                    product.updatedAt()).build();
        });
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @RateLimited(policy = { "api", "writes" })
    @Idempotent
    @Operation(operationId = "createProduct", summary = "Create a product", description = "Roles: MEMBER, ADMIN.")
    @Parameter(ref = "Idempotency-Key")
    @APIResponse(responseCode = "201", description = "Created", headers = { @Header(name = "Location", ref = "Location"),
            @Header(name = "ETag", ref = "ETag"), @Header(name = "Last-Modified", ref = "Last-Modified"),
            @Header(name = "Idempotent-Replayed", ref = "Idempotent-Replayed") },
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "409", description = "Conflict: `duplicate-sku`, `idempotency-key-in-use`, "
            + "`concurrent-update`, `conflict`", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "Unprocessable Content: `idempotency-key-reused`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public RestResponse<ProductView> create(@Valid @NotNull ProductRequest body) {
        ProductView product = catalog.create(body);
        URI location = URI.create("/api/v1/products/" + product.id());
        return withValidators(RestResponse.ResponseBuilder.<ProductView> created(location)
                .entity(product), product);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.WRITE)
    @RateLimited(policy = { "api", "writes" })
    @Operation(operationId = "replaceProduct", summary = "Replace a product",
            description = "With If-Match (or If-Unmodified-Since), only if the product is still at that version. "
                    + "Roles: MEMBER, ADMIN.")
    @Parameter(ref = "If-Match")
    @Parameter(ref = "If-Unmodified-Since")
    @Parameter(ref = "If-None-Match")
    @APIResponse(responseCode = "200", description = "The product as replaced", headers = {
            @Header(name = "ETag", ref = "ETag"), @Header(name = "Last-Modified", ref = "Last-Modified") },
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", description = "Conflict: `duplicate-sku`, `concurrent-update`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public RestResponse<ProductView> update(@PathParam("id") UUID id, @Valid @NotNull ProductRequest body,
            @Context HttpHeaders request) {
        ProductView product = catalog.update(id, body, (version, updatedAt) -> EntityTags.requireMatch(request, version, updatedAt));
        return withValidators(RestResponse.ResponseBuilder.ok(product), product);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.WRITE)
    @RateLimited(policy = { "api", "writes" })
    @Operation(operationId = "deleteProduct", summary = "Delete a product",
            description = "With If-Match, only if the product is still at that version. Roles: MEMBER, ADMIN.")
    @Parameter(ref = "If-Match")
    @Parameter(ref = "If-Unmodified-Since")
    @Parameter(ref = "If-None-Match")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public void delete(@PathParam("id") UUID id, @Context HttpHeaders request) {
        catalog.delete(id, (version, updatedAt) -> EntityTags.requireMatch(request, version, updatedAt));
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Roles.WRITE)
    @RateLimited(policy = { "api", "writes" })
    @Idempotent
    @Operation(operationId = "applyProductBatch", summary = "Create, update and delete products, all or none",
            description = "Up to 500 operations in one transaction. Roles: MEMBER, ADMIN.")
    @Parameter(ref = "Idempotency-Key")
    @APIResponse(responseCode = "200", description = "What each operation did, in request order",
            headers = @Header(name = "Idempotent-Replayed", ref = "Idempotent-Replayed"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductBatchResult.class)))
    @APIResponse(responseCode = "409", description = "Conflict: `concurrent-update` (send the batch again), "
            + "`idempotency-key-in-use`, `conflict`", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "Unprocessable Content: `batch-rejected` (with `errors`: every "
            + "operation that cannot apply; nothing was applied), `idempotency-key-reused`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public RestResponse<ProductBatchResult> batch(@Valid @NotNull ProductBatchRequest body) {
        return RestResponse.ok(batch.apply(body.operations()));
    }

    private static RestResponse<ProductView> withValidators(RestResponse.ResponseBuilder<ProductView> response,
            ProductView product) {
        return EntityTags.withValidators(response, product.version(), product.updatedAt()).build();
    }
}
