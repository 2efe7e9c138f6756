package dev.stockroom.catalog;

import jakarta.enterprise.context.ApplicationScoped;

import dev.stockroom.cache.CacheWarmer;

/** The catalog's most requested reads: the first page of products and the unfiltered summary. */
@ApplicationScoped
public class CatalogWarmer implements CacheWarmer {

    private final ProductService products;

    CatalogWarmer(ProductService products) {
        this.products = products;
    }

    @Override
    public void warm() {
        products.list(ProductFilter.none(), ProductResource.DEFAULT_PAGE_SIZE, null);
        products.summary(ProductFilter.none());
    }
}
