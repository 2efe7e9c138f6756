package dev.stockroom.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.stockroom.catalog.ProductBatchRequest.Kind;
import dev.stockroom.catalog.ProductBatchRequest.Operation;
import dev.stockroom.cache.CacheInvalidator;
import dev.stockroom.http.Problem;

/**
 * Applies a batch of product operations in one transaction. Every operation is checked before anything is
 * written, and any rejected operation rejects the whole batch with a 422 listing each rejected item.
 * Deletes run first, so a batch may delete a product and create another with its SKU.
 */
@ApplicationScoped
public class ProductBatch {

    private final ProductRepository products;
    private final CacheInvalidator cache;

    ProductBatch(ProductRepository products, CacheInvalidator cache) {
        this.products = products;
        this.cache = cache;
    }

    @Transactional
    public ProductBatchResult apply(List<Operation> operations) {
        Map<UUID, Product> existing = new HashMap<>();
        List<UUID> ids = operations.stream().map(Operation::id).filter(id -> id != null).distinct().toList();
        if (!ids.isEmpty()) {
            // Locked up front in id order, the order in which orders lock products: a batch and an order
            // touching the same products wait for each other instead of deadlocking.
            products.find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                    .forEach(p -> existing.put(p.id, p));
        }
        List<Map<String, Object>> rejected = check(operations, existing);
        if (!rejected.isEmpty()) {
            throw Problem.of(422, "batch-rejected")
                    .detail(rejected.size() + " of " + operations.size() + " operations were rejected; nothing was applied")
                    .with("errors", rejected)
                    .exception();
        }
        operations.stream().filter(o -> o.op() == Kind.DELETE).forEach(o -> products.delete(existing.get(o.id())));
        products.flush();
        Product[] touched = new Product[operations.size()];
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            if (operation.op() == Kind.CREATE) {
                touched[i] = new Product();
                touched[i].apply(operation.product());
                products.persist(touched[i]);
            } else if (operation.op() == Kind.UPDATE) {
                touched[i] = existing.get(operation.id());
                touched[i].apply(operation.product());
            }
        }
        products.flush();
        cache.invalidateTags(ProductService.PRODUCTS_TAG);
        List<ProductBatchResult.Item> results = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            results.add(touched[i] == null
                    ? new ProductBatchResult.Item(i, operation.op(), operation.id(), null)
                    : new ProductBatchResult.Item(i, operation.op(), touched[i].id, touched[i].version));
        }
        return new ProductBatchResult(results);
    }

    private List<Map<String, Object>> check(List<Operation> operations, Map<UUID, Product> existing) {
        List<Map<String, Object>> rejected = new ArrayList<>();
        Set<UUID> seenIds = new HashSet<>();
        Map<String, Integer> claimedSkus = new HashMap<>();
        Set<String> deletedSkus = new HashSet<>();
        operations.stream().filter(o -> o.op() == Kind.DELETE && existing.containsKey(o.id()))
                .forEach(o -> deletedSkus.add(existing.get(o.id()).sku));
        Set<String> takenSkus = products.takenSkus(operations.stream()
                .filter(o -> o.product() != null).map(o -> o.product().sku()).distinct().toList());
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            Product current = operation.id() == null ? null : existing.get(operation.id());
            String reason = operation.shapeError();
            if (reason == null && operation.op() != Kind.CREATE) {
                if (current == null) {
                    reason = "product " + operation.id() + " was not found";
                } else if (!seenIds.add(operation.id())) {
                    reason = "product " + operation.id() + " appears in more than one operation";
                } else if (operation.ifVersion() != null && operation.ifVersion() != current.version) {
                    reason = "product " + operation.id() + " is at version " + current.version;
                }
            }
            if (reason == null && operation.op() != Kind.DELETE) {
                String sku = operation.product().sku();
                Integer claimedBy = claimedSkus.putIfAbsent(sku, i);
                boolean keepsItsSku = current != null && current.sku.equals(sku);
                if (claimedBy != null) {
                    reason = "SKU '" + sku + "' is also used by operation " + claimedBy;
                } else if (!keepsItsSku && !deletedSkus.contains(sku) && takenSkus.contains(sku)) {
                    reason = "SKU '" + sku + "' exists";
                }
            }
            if (reason != null) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("index", i);
                error.put("op", operation.op());
                error.put("reason", reason);
                rejected.add(error);
            }
        }
        return rejected;
    }
}
