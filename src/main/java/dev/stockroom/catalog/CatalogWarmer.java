package dev.stockroom.catalog;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.cache.CacheWarmer;
import dev.stockroom.http.PageRequest;

/** The catalog's most requested reads: the first page of products and the unfiltered summary. */
@ApplicationScoped
public class CatalogWarmer implements CacheWarmer {

    private final ProductService products;

    CatalogWarmer(ProductService products) {
        this.products = products;
    }

    @Override
    public void warm() {
        products.list(ProductFilter.none(), PageRequest.DEFAULT_LIMIT, null, null);
        products.summary(ProductFilter.none());
    }
}
