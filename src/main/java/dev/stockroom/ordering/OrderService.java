package dev.stockroom.ordering;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.stockroom.cache.TenantCached;
import dev.stockroom.http.Cursor;
import dev.stockroom.http.PageSlice;
import dev.stockroom.http.ProblemException;
import dev.stockroom.transaction.TransientDatabaseFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.RetryWhen;

/** The current tenant's orders. */
@ApplicationScoped
public class OrderService {

    static final String LISTING = "orders";
    static final String ORDERS_TAG = "orders";

    private final OrderPlacement placement;
    private final OrderRepository orders;
    private final Counter ordersCreated;
    private final Counter unitsSold;

    OrderService(OrderPlacement placement, OrderRepository orders, MeterRegistry metrics) {
        this.placement = placement;
        this.orders = orders;
        this.ordersCreated = Counter.builder("stockroom.orders.created").description("Orders placed").register(metrics);
        this.unitsSold = Counter.builder("stockroom.units.sold").description("Units sold by placed orders")
                .register(metrics);
    }

    /**
     * Places the order; a transaction that failed for a transient reason (serialization, deadlock) is run
     * again as a whole, so callers never see those failures.
     */
    @Retry(maxRetries = 5, delay = 10, jitter = 10)
    @RetryWhen(exception = TransientDatabaseFailure.class)
    public OrderView place(PlaceOrderRequest request) {
        OrderView order = OrderView.of(placement.place(request.lines()));
        ordersCreated.increment();
        unitsSold.increment(order.lines().stream().mapToInt(OrderView.Line::quantity).sum());
        return order;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @TenantCached(cache = "order-pages", tags = ORDERS_TAG)
    public OrderPage list(int limit, String cursor) {
        UUID after = Cursor.decode(LISTING, cursor, UUID::fromString);
        PageSlice<OrderView> page = PageSlice.fetch(limit, rows -> orders.pageWithLines(after, rows))
                .map(OrderView::of);
        return new OrderPage(page.items(), page.nextCursor(last -> Cursor.encode(LISTING, last.id())));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @TenantCached(cache = "order", tags = ORDERS_TAG)
    public OrderView get(UUID id) {
        return OrderView.of(orders.findWithLines(id).orElseThrow(() -> ProblemException.notFound("Order " + id)));
    }
}
