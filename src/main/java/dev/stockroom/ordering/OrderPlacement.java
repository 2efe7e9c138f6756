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
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.stockroom.cache.TenantCache;
import dev.stockroom.catalog.Product;
import dev.stockroom.catalog.ProductService;
import dev.stockroom.http.Problem;

/**
 * Places an order in one transaction: reads the products, takes the stock with one conditional UPDATE per
 * product ({@code stock >= quantity}, in id order so that concurrent orders lock rows in the same order and
 * cannot deadlock), then writes the order. Any line that cannot be served rolls everything back.
 */
@ApplicationScoped
public class OrderPlacement {

    private final EntityManager entityManager;
    private final OrderRepository orders;
    private final ProductService catalog;
    private final TenantCache cache;

    OrderPlacement(EntityManager entityManager, OrderRepository orders, ProductService catalog, TenantCache cache) {
        this.entityManager = entityManager;
        this.orders = orders;
        this.catalog = catalog;
        this.cache = cache;
    }

    @Transactional
    public CustomerOrder place(List<PlaceOrderRequest.Line> requested) {
        Map<UUID, Integer> quantities = new LinkedHashMap<>();
        requested.forEach(line -> quantities.merge(line.productId(), line.quantity(), Integer::sum));

        Map<UUID, Product> products = entityManager
                .createQuery("from Product p where p.id in :ids", Product.class)
                .setParameter("ids", quantities.keySet())
                .getResultStream()
                .collect(Collectors.toMap(p -> p.id, Function.identity()));
        quantities.keySet().stream().filter(id -> !products.containsKey(id)).findFirst().ifPresent(missing -> {
            throw Problem.of(404, "product-not-found", "Not Found")
                    .detail("Product " + missing + " was not found").with("productId", missing).exception();
        });
        if (products.values().stream().map(p -> p.currency).distinct().count() > 1) {
            throw Problem.of(422, "mixed-currencies", "Unprocessable Content")
                    .detail("All products of an order must share one currency").exception();
        }

        Instant now = Instant.now();
        quantities.keySet().stream().sorted().forEach(id -> take(products.get(id), quantities.get(id), now));

        CustomerOrder order = new CustomerOrder();
        order.currency = products.values().iterator().next().currency;
        order.total = BigDecimal.ZERO;
        int lineNo = 0;
        for (Map.Entry<UUID, Integer> entry : quantities.entrySet()) {
            Product product = products.get(entry.getKey());
            OrderLine line = new OrderLine();
            line.order = order;
            line.lineNo = ++lineNo;
            line.productId = product.id;
            line.sku = product.sku;
            line.name = product.name;
            line.unitPrice = product.price;
            line.quantity = entry.getValue();
            line.lineTotal = product.price.multiply(BigDecimal.valueOf(line.quantity));
            order.lines.add(line);
            order.total = order.total.add(line.lineTotal);
        }
        orders.persist(order);
        // After commit: stock changed for these products, and the order lists have a new first item.
        catalog.invalidate(quantities.keySet());
        cache.invalidateTags(OrderService.ORDERS_TAG);
        return order;
    }

    private void take(Product product, int quantity, Instant now) {
        int updated = entityManager.createQuery("""
                update Product p set p.stock = p.stock - :quantity, p.version = p.version + 1, p.updatedAt = :now
                where p.id = :id and p.stock >= :quantity""")
                .setParameter("quantity", quantity)
                .setParameter("now", now)
                .setParameter("id", product.id)
                .executeUpdate();
        if (updated == 0) {
            Integer available = entityManager
                    .createQuery("select p.stock from Product p where p.id = :id", Integer.class)
                    .setParameter("id", product.id).getSingleResult();
            throw Problem.of(409, "out-of-stock", "Conflict")
                    .detail("Product " + product.sku + " has " + available + " in stock; " + quantity + " were ordered")
                    .with("productId", product.id)
                    .with("requested", quantity)
                    .with("available", available)
                    .exception();
        }
    }
}
