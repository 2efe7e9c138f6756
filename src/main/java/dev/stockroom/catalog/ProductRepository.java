package dev.stockroom.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public boolean skuTaken(String sku) {
        return count("sku", sku) > 0;
    }

    /**
     * Takes {@code quantity} units of the product if it has them, with one conditional UPDATE that also moves
     * its version (its ETag) and update time. The row stays locked until the transaction ends, so callers
     * taking several products take them in id order: concurrent orders then lock in one order and cannot
     * deadlock. Whether the stock was taken.
     */
    public boolean takeStock(UUID productId, int quantity, Instant now) {
        return update("stock = stock - ?1, version = version + 1, updatedAt = ?2 where id = ?3 and stock >= ?1",
                quantity, now, productId) == 1;
    }

    /**
     * The product's stock, or empty when it no longer exists. A projection reads the row as it is now: the
     * product entity of this transaction still holds the stock it had before {@link #takeStock}.
     */
    public Optional<Integer> stockOf(UUID productId) {
        return find("select p.stock from Product p where p.id = ?1", productId).project(Integer.class)
                .firstResultOptional();
    }

    /** The SKUs among {@code skus} that products of the tenant already use, in one query. */
    public Set<String> takenSkus(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(find("select p.sku from Product p where p.sku in ?1", skus).project(String.class).list());
    }
}
