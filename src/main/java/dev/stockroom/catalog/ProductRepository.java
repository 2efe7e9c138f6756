package dev.stockroom.catalog;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public boolean skuTaken(String sku) {
        return count("sku", sku) > 0;
    }

    /** The SKUs among {@code skus} that products of the tenant already use, in one query. */
    public Set<String> takenSkus(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(getEntityManager()
                .createQuery("select p.sku from Product p where p.sku in :skus", String.class)
                .setParameter("skus", skus)
                .getResultList());
    }
}
