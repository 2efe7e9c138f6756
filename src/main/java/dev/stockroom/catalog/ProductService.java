package dev.stockroom.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stockroom.cache.CacheInvalidator;
import dev.stockroom.cache.TenantCached;
import dev.stockroom.http.Cursor;
import dev.stockroom.http.PageSlice;
import dev.stockroom.http.ProblemException;
import io.quarkus.panache.common.Sort;

/** The current tenant's catalog. Every query here is tenant-scoped by Hibernate and row-level security. */
@ApplicationScoped
@Transactional
public class ProductService {

    static final String LISTING = "products";
    /** Cache of single products, invalidated by id. */
    public static final String PRODUCT_CACHE = "product";
    /** Tag of every product cache entry. */
    public static final String PRODUCTS_TAG = "products";
    /** Tag of the entries that depend on many products: pages and the summary. */
    public static final String LISTS_TAG = "product-lists";

    private final ProductRepository products;
    private final CacheInvalidator cache;
    private final ObjectMapper json;

    ProductService(ProductRepository products, CacheInvalidator cache, ObjectMapper json) {
        this.products = products;
        this.cache = cache;
        this.json = json;
    }

    /**
     * Keyset paging, newest first: stable while rows are inserted (no duplicates, no gaps). A page is cached
     * as the JSON the API answers ({@link ProductPage}), per sparse fieldset ({@code fields}, canonical, null
     * for whole items), so that a hit is a copy of text, not a serialization of every product on it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    @TenantCached(cache = "product-pages", tags = { PRODUCTS_TAG, LISTS_TAG })
    public String list(ProductFilter filter, int limit, String cursor, String fields) {
        UUID after = Cursor.decode(LISTING, cursor, UUID::fromString);
        Map<String, Object> parameters = ProductFilter.parameters();
        String where = filter.where(parameters);
        if (after != null) {
            where += " and p.id < :after";
            parameters.put("after", after);
        }
        String query = "from Product p where " + where;
        PageSlice<ProductView> page = PageSlice.fetch(limit, rows -> products
                .find(query, Sort.descending("id"), parameters).page(0, rows).list()).map(ProductView::of);
        return json(page.items(), page.nextCursor(last -> Cursor.encode(LISTING, last.id())), null, fields);
    }

    /** Offset paging for page-numbered screens: costs grow with the offset, hence its cap. Cached as {@link #list}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @TenantCached(cache = "product-offset-pages", tags = { PRODUCTS_TAG, LISTS_TAG })
    public String listByOffset(ProductFilter filter, int limit, int offset, String fields) {
        Map<String, Object> parameters = ProductFilter.parameters();
        String query = "from Product p where " + filter.where(parameters);
        PageSlice<ProductView> page = PageSlice.fetch(limit, rows -> products
                .find(query, Sort.descending("id"), parameters).range(offset, offset + rows - 1).list())
                .map(ProductView::of);
        return json(page.items(), null, page.hasMore() ? offset + limit : null, fields);
    }

    /** Whether the tenant has no product at all. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isEmpty() {
        return products.findAll().firstResultOptional().isEmpty();
    }

    private String json(List<ProductView> items, String nextCursor, Integer nextOffset, String fields) {
        SparseFields sparse = SparseFields.parse(fields);
        return write(new ProductPage(sparse == null ? items : sparse.apply(items, json), nextCursor, nextOffset));
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Products always serialize", e);
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    @TenantCached(cache = "product-summary", tags = { PRODUCTS_TAG, LISTS_TAG })
    public ProductSummary summary(ProductFilter filter) {
        Map<String, Object> parameters = ProductFilter.parameters();
        List<Object[]> rows = products.find("""
                select p.category, p.currency, count(p), sum(p.stock), min(p.price), max(p.price), avg(p.price)
                from Product p where %s
                group by p.category, p.currency
                order by p.category nulls first, p.currency""".formatted(filter.where(parameters)), parameters)
                .project(Object[].class)
                .list();
        List<ProductSummary.Group> groups = rows.stream().map(row -> new ProductSummary.Group(
                (String) row[0], (String) row[1], ((Number) row[2]).longValue(), ((Number) row[3]).longValue(),
                (BigDecimal) row[4], (BigDecimal) row[5],
                BigDecimal.valueOf(((Number) row[6]).doubleValue()).setScale(2, RoundingMode.HALF_UP))).toList();
        return new ProductSummary(groups, new ProductSummary.Total(
                groups.stream().mapToLong(ProductSummary.Group::products).sum(),
                groups.stream().mapToLong(ProductSummary.Group::stock).sum()));
    }

    /** One product, cached as the JSON the API answers ({@link ProductJson}), like the pages. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @TenantCached(cache = PRODUCT_CACHE, tags = PRODUCTS_TAG)
    public ProductJson get(UUID id) {
        ProductView product = ProductView.of(find(id));
        return new ProductJson(write(product), product.version(), product.updatedAt());
    }

    public ProductView create(ProductRequest request) {
        requireFreeSku(request.sku());
        Product product = new Product();
        product.apply(request);
        products.persist(product);
        products.flush();
        cache.invalidateTags(LISTS_TAG);
        return ProductView.of(product);
    }

    /** Replaces the product; {@code expectedVersion} (from If-Match) is checked by the caller. */
    public ProductView update(UUID id, ProductRequest request, VersionCheck check) {
        Product product = find(id);
        check.require(product.version, product.updatedAt);
        if (!product.sku.equals(request.sku())) {
            requireFreeSku(request.sku());
        }
        product.apply(request);
        products.flush();
        invalidate(id);
        return ProductView.of(product);
    }

    public void delete(UUID id, VersionCheck check) {
        Product product = find(id);
        check.require(product.version, product.updatedAt);
        products.delete(product);
        cache.invalidate(PRODUCT_CACHE, id);
        cache.invalidateTags(LISTS_TAG);
    }

    /** After commit: the product's own entry (reloaded when the cache is write-through), and every page and summary. */
    public void invalidate(UUID id) {
        invalidate(List.of(id));
    }

    /** The same for several products at once: their entries, and the pages and summaries once. */
    public void invalidate(Collection<UUID> ids) {
        ids.forEach(id -> cache.invalidate(PRODUCT_CACHE, id));
        cache.invalidateTags(LISTS_TAG);
        // A self-call: ArC intercepts it, so the reload goes through @TenantCached and stores its result.
        ids.forEach(id -> cache.refresh(PRODUCT_CACHE, () -> get(id)));
    }

    Product find(UUID id) {
        return products.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Product " + id));
    }

    private void requireFreeSku(String sku) {
        if (products.skuTaken(sku)) {
            throw ProblemException.conflict("duplicate-sku", "A product with SKU '" + sku + "' exists");
        }
    }

    /** Checks the request's preconditions ({@code If-Match}, {@code If-Unmodified-Since}) against the product. */
    @FunctionalInterface
    public interface VersionCheck {
        void require(long currentVersion, Instant updatedAt);
    }
}
