package dev.stockroom.ordering;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.stockroom.cache.CacheInvalidator;
import dev.stockroom.catalog.Product;
import dev.stockroom.catalog.ProductRepository;
import dev.stockroom.catalog.ProductService;
import dev.stockroom.http.Problem;
import dev.stockroom.http.ProblemException;

/**
 * Places an order in one transaction: reads the products, prices the lines (refusing amounts too large to
 * store), takes the stock of each through the catalog
 * ({@link ProductRepository#takeStock}, in id order so that concurrent orders lock rows in the same order
 * and cannot deadlock), then writes the order. Any line that cannot be served rolls everything back.
 */
@ApplicationScoped
public class OrderPlacement {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

    private final ProductRepository products;
    private final OrderRepository orders;
    private final ProductService catalog;
    private final CacheInvalidator cache;

    OrderPlacement(ProductRepository products, OrderRepository orders, ProductService catalog, CacheInvalidator cache) {
        this.products = products;
        this.orders = orders;
        this.catalog = catalog;
        this.cache = cache;
    }

    @Transactional
    public CustomerOrder place(List<PlaceOrderRequest.Line> requested) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        requested.forEach(line -> quantities.merge(line.productId(), line.quantity(), Integer::sum));

        Map<UUID, Product> ordered = products.list("id in ?1", quantities.keySet()).stream()
                .collect(Collectors.toMap(p -> p.id, Function.identity()));
        quantities.keySet().stream().filter(id -> !ordered.containsKey(id)).findFirst()
                .ifPresent(missing -> {
                    throw productNotFound(missing);
                });
        if (ordered.values().stream().map(p -> p.currency).distinct().count() > 1) {
            throw Problem.of(422, "mixed-currencies")
                    .detail("All products of an order must share one currency").exception();
        }

        CustomerOrder order = new CustomerOrder();
        order.currency = ordered.values().iterator().next().currency;
        order.total = BigDecimal.ZERO;
        int lineNo = 0;
        for (Map.Entry<UUID, Integer> entry : quantities.entrySet()) {
            Product product = ordered.get(entry.getKey());
            OrderLine line = new OrderLine();
            line.order = order;
            line.lineNo = ++lineNo;
            line.productId = product.id;
            line.sku = product.sku;
            line.name = product.name;
            line.unitPrice = product.price;
            line.quantity = entry.getValue();
            line.lineTotal = product.price.multiply(BigDecimal.valueOf(line.quantity));
            requireStorable(line.lineTotal, "The line for product " + product.sku, product.id);
            order.lines.add(line);
            order.total = order.total.add(line.lineTotal);
        }
        requireStorable(order.total, "The order's total", null);

        Instant now = Instant.now();
        quantities.keySet().stream().sorted().forEach(id -> take(ordered.get(id), quantities.get(id), now));
        orders.persist(order);
        // After commit: stock changed for these products, and the order lists have a new first item.
        catalog.invalidate(quantities.keySet());
        cache.invalidateTags(OrderService.ORDERS_TAG);
        return order;
    }

    /** Amounts are numeric(14,2): larger ones are refused here, naming what overflows, not by the database. */
    private static void requireStorable(BigDecimal amount, String what, UUID productId) {
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            Problem.Builder problem = Problem.of(422, "amount-too-large")
                    .detail(what + " comes to " + amount.toPlainString() + ", above the largest amount an order holds, "
                            + MAX_AMOUNT.toPlainString());
            throw (productId == null ? problem : problem.with("productId", productId)).exception();
        }
    }

    private void take(Product product, int quantity, Instant now) {
        if (!products.takeStock(product.id, quantity, now)) {
            // Deleted since it was read: the order cannot name it any more.
            int available = products.stockOf(product.id).orElseThrow(() -> productNotFound(product.id));
            throw Problem.of(409, "out-of-stock")
                    .detail("Product " + product.sku + " has " + available + " in stock; " + quantity + " were ordered")
                    .with("productId", product.id)
                    .with("requested", quantity)
                    .with("available", available)
                    .exception();
        }
    }

    private static ProblemException productNotFound(UUID id) {
        return Problem.of(404, "product-not-found")
                .detail("Product " + id + " was not found").with("productId", id).exception();
    }
}
