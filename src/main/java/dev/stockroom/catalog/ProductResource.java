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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.http.EntityTags;
import dev.stockroom.http.PageRequest;
import dev.stockroom.http.QueryParams;
import dev.stockroom.idempotency.Idempotent;
import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Roles;

/** The tenant's product catalog. */
@Path("/api/v1/products")
@RateLimited
@Tag(name = "Products")
public class ProductResource {

    static final int MAX_OFFSET = 10_000;

    private final ProductService catalog;
    private final ProductBatch batch;
    private final ObjectMapper json;

    ProductResource(ProductService catalog, ProductBatch batch, ObjectMapper json) {
        this.catalog = catalog;
        this.batch = batch;
        this.json = json;
    }

    @GET
    @RolesAllowed(Roles.READ)
    public ProductPage list(@BeanParam ProductFilterParams filters, @BeanParam PageRequest paging,
            @QueryParam("offset") String offset, @QueryParam("fields") String fields) {
        ProductFilter filter = filters.filter();
        int limit = paging.limit();
        SparseFields sparse = SparseFields.parse(fields);
        if (offset != null && paging.cursor() != null) {
            throw QueryParams.invalid("offset", "cannot be combined with cursor");
        }
        ProductService.Page page = offset == null
                ? catalog.list(filter, limit, paging.cursor())
                : catalog.listByOffset(filter, limit, QueryParams.intValue("offset", offset, 0, 0, MAX_OFFSET));
        return new ProductPage(sparse == null ? page.items() : sparse.apply(page.items(), json), page.nextCursor(),
                page.nextOffset());
    }

    @GET
    @Path("/summary")
    @RolesAllowed(Roles.READ)
    public ProductSummary summary(@BeanParam ProductFilterParams filters) {
        return catalog.summary(filters.filter());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READ)
    public RestResponse<ProductView> get(@PathParam("id") UUID id, @Context HttpHeaders request) {
        ProductView product = catalog.get(id);
        RestResponse<ProductView> notModified = EntityTags.notModified(request, product.version(), product.updatedAt());
        return notModified != null ? notModified : withValidators(RestResponse.ResponseBuilder.ok(product), product);
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @RateLimited(policy = { "api", "writes" })
    @Idempotent
    @Parameter(name = Idempotent.KEY_HEADER, in = ParameterIn.HEADER, description = Idempotent.KEY_DESCRIPTION)
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
    public RestResponse<ProductView> update(@PathParam("id") UUID id, @Valid @NotNull ProductRequest body,
            @Context HttpHeaders request) {
        ProductView product = catalog.update(id, body, (version, updatedAt) -> EntityTags.requireMatch(request, version, updatedAt));
        return withValidators(RestResponse.ResponseBuilder.ok(product), product);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.WRITE)
    @RateLimited(policy = { "api", "writes" })
    public void delete(@PathParam("id") UUID id, @Context HttpHeaders request) {
        catalog.delete(id, (version, updatedAt) -> EntityTags.requireMatch(request, version, updatedAt));
    }

    @POST
    @Path("/batch")
    @RolesAllowed(Roles.WRITE)
    @RateLimited(policy = { "api", "writes" })
    @Idempotent
    @Parameter(name = Idempotent.KEY_HEADER, in = ParameterIn.HEADER, description = Idempotent.KEY_DESCRIPTION)
    public RestResponse<ProductBatchResult> batch(@Valid @NotNull ProductBatchRequest body) {
        return RestResponse.ok(batch.apply(body.operations()));
    }

    private static RestResponse<ProductView> withValidators(RestResponse.ResponseBuilder<ProductView> response,
            ProductView product) {
        return response.tag(EntityTags.of(product.version()))
                .lastModified(EntityTags.lastModified(product.updatedAt())).build();
    }
}
