package dev.stockroom.ordering;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.stockroom.http.PageRequest;
import dev.stockroom.http.Problem;
import dev.stockroom.idempotency.Idempotent;
import dev.stockroom.ratelimit.RateLimited;
import dev.stockroom.tenancy.Roles;

/** The tenant's orders. */
@Path("/api/v1/orders")
@RateLimited
@Tag(name = "Orders")
public class OrderResource {

    private final OrderService orders;

    OrderResource(OrderService orders) {
        this.orders = orders;
    }

    @POST
    @RolesAllowed(Roles.WRITE)
    @RateLimited(policy = { "api", "orders-create" })
    @Idempotent
    @Operation(operationId = "placeOrder", summary = "Place an order",
            description = "Takes the stock in the same transaction. Roles: MEMBER, ADMIN.")
    @Parameter(ref = "Idempotency-Key")
    @APIResponse(responseCode = "201", description = "Placed", headers = { @Header(name = "Location", ref = "Location"),
            @Header(name = "Idempotent-Replayed", ref = "Idempotent-Replayed") },
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "404", description = "Not Found: `product-not-found` (with `productId`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "Conflict: `out-of-stock` (with `productId`, `requested`, "
            + "`available`; nothing changed), `idempotency-key-in-use`, `concurrent-update`",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "Unprocessable Content: `mixed-currencies`, `amount-too-large`, "
            + "`idempotency-key-reused`", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(ref = "Problem")))
    public RestResponse<OrderView> place(@Valid @NotNull PlaceOrderRequest body) {
        OrderView order = orders.place(body);
        URI location = URI.create("/api/v1/orders/" + order.id());
        return RestResponse.ResponseBuilder.<OrderView> created(location).entity(order).build();
    }

    @GET
    @RolesAllowed(Roles.READ)
    @Operation(operationId = "listOrders", summary = "List orders, newest first", description = "Roles: any.")
    @APIResponse(responseCode = "200", description = "A page of orders with their lines")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public OrderPage list(@BeanParam PageRequest paging) {
        return orders.list(paging.limit(), paging.cursor());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READ)
    @Operation(operationId = "getOrder", summary = "Read an order", description = "Roles: any.")
    @APIResponse(responseCode = "200", description = "The order with its lines")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public OrderView get(@PathParam("id") UUID id) {
        return orders.get(id);
    }
}
