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

import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.stockroom.http.PageRequest;
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
    @Parameter(name = Idempotent.KEY_HEADER, in = ParameterIn.HEADER, description = Idempotent.KEY_DESCRIPTION)
    public RestResponse<OrderView> place(@Valid @NotNull PlaceOrderRequest body) {
        OrderView order = orders.place(body);
        URI location = URI.create("/api/v1/orders/" + order.id());
        return RestResponse.ResponseBuilder.<OrderView> created(location).entity(order).build();
    }

    @GET
    @RolesAllowed(Roles.READ)
    public OrderPage list(@BeanParam PageRequest paging) {
        return orders.list(paging.limit(), paging.cursor());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.READ)
    public OrderView get(@PathParam("id") UUID id) {
        return orders.get(id);
    }
}
