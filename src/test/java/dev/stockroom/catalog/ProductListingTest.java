package dev.stockroom.catalog;

import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.stockroom.http.Cursor;
import dev.stockroom.support.Api;
import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ProductListingTest {

    @Test
    void filtersCombine() {
        TestTenant tenant = newTenant("filters");
        String key = tenant.adminKey();
        createProduct(key, product("F-1", "Red hammer", "10.00", 1, "tools", "red"));
        createProduct(key, product("F-2", "Blue hammer", "30.00", 1, "tools", "blue"));
        createProduct(key, product("F-3", "Red rake", "15.00", 1, "garden", "red"));
        createProduct(key, product("F-4", "100% cotton_gloves", "5.00", 1, "garden"));

        assertEquals(Set.of("F-1", "F-2"), skus(key, Map.of("category", "tools")));
        assertEquals(Set.of("F-1", "F-3"), skus(key, Map.of("tag", "red")));
        assertEquals(Set.of("F-1", "F-2"), skus(key, Map.of("q", "HAMMER")));
        assertEquals(Set.of("F-3", "F-1"), skus(key, Map.of("minPrice", "10", "maxPrice", "15")));
        assertEquals(Set.of("F-1"), skus(key, Map.of("tag", "red", "category", "tools", "maxPrice", "12.5")));
        // LIKE wildcards in q are taken literally.
        assertEquals(Set.of("F-4"), skus(key, Map.of("q", "100%")));
        assertEquals(Set.of("F-4"), skus(key, Map.of("q", "n_g")));
        assertEquals(Set.of("F-4"), skus(key, Map.of("q", "%")));
        assertEquals(Set.of(), skus(key, Map.of("q", "ham%er")));
    }

    @Test
    void badFiltersAnswer400() {
        String key = newTenant("badfilters").adminKey();
        for (Map<String, String> query : List.of(Map.of("limit", "0"), Map.of("limit", "201"), Map.of("limit", "x"),
                Map.of("minPrice", "-1"), Map.of("maxPrice", "abc"), Map.of("minPrice", "9", "maxPrice", "1"),
                Map.of("fields", "id,secret"), Map.of("offset", "10001"), Map.of("offset", "1", "cursor", "abc"),
                Map.of("q", "x".repeat(101)))) {
            invalidAs(key).queryParams(query).get("/api/v1/products").then().statusCode(400)
                    .body("type", endsWith("/invalid-parameter"));
        }
        as(key).queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/v1/products").then().statusCode(400)
                .body("type", endsWith("/invalid-cursor"));
        // A cursor from another listing is refused too.
        as(key).queryParam("cursor", Cursor.encode("orders", UUID.randomUUID()))
                .get("/api/v1/products").then().statusCode(400).body("type", endsWith("/invalid-cursor"));
    }

    @Test
    void sparseFieldsetsReturnOnlyTheNamedFields() {
        TestTenant tenant = newTenant("sparse");
        createProduct(tenant.adminKey(), product("SP-1", "Sparse", "1.00", 1, "x"));
        as(tenant.adminKey()).queryParam("fields", "id,name,price").get("/api/v1/products").then().statusCode(200)
                .body("items[0].keySet()", equalTo(Set.of("id", "name", "price")))
                .body("items[0].name", equalTo("Sparse"));
    }

    @Test
    void eachFieldsetIsCachedAsItsOwnPageAndEveryOneOfThemSeesTheNextWrite() {
        TestTenant tenant = newTenant("sparse-cached");
        String id = createProduct(tenant.adminKey(), product("SC-1", "Before", "1.00", 1, "x"));
        List<String> fieldsets = List.of("", "name", "id,name", "name,id,price");
        for (int round = 0; round < 2; round++) { // the second round is served from the cache
            for (String fields : fieldsets) {
                as(tenant.adminKey()).queryParam("fields", fields).get("/api/v1/products").then().statusCode(200)
                        .body("items[0].name", equalTo("Before"));
            }
        }
        as(tenant.adminKey()).queryParam("fields", "id,name").get("/api/v1/products").then()
                .body("items[0].keySet()", equalTo(Set.of("id", "name")));
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200);
        as(tenant.adminKey()).body(product("SC-1", "After", "1.00", 1, "x")).put("/api/v1/products/" + id).then()
                .statusCode(200);
        for (String fields : fieldsets) {
            as(tenant.adminKey()).queryParam("fields", fields).get("/api/v1/products").then().statusCode(200)
                    .body("items[0].name", equalTo("After"));
        }
    }

    @Test
    void keysetPagesWalkEveryProductOnceWhileOthersAreInserted() throws Exception {
        TestTenant tenant = newTenant("paging");
        String key = tenant.adminKey();
        Set<String> original = new HashSet<>();
        for (int i = 0; i < 45; i++) {
            original.add(createProduct(key, product("PG-" + i, "Paged " + i, "1.00", 1, "x")));
        }
        ExecutorService inserter = Executors.newSingleThreadExecutor();
        Future<?> inserts = inserter.submit(() -> {
            for (int i = 0; i < 30; i++) {
                createProduct(key, product("NEW-" + i, "Inserted " + i, "1.00", 1, "x"));
            }
        });
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            var request = as(key).queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/products").then().statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        inserts.get(30, TimeUnit.SECONDS);
        inserter.shutdown();

        assertEquals(walked.size(), new HashSet<>(walked).size(), "no product appears twice");
        assertTrue(walked.containsAll(original), "every product that existed when the walk began is seen");
    }

    @Test
    void offsetPagingIsAnAlternative() {
        TestTenant tenant = newTenant("offset");
        for (int i = 0; i < 5; i++) {
            createProduct(tenant.adminKey(), product("OF-" + i, "Offset " + i, "1.00", 1, "x"));
        }
        as(tenant.adminKey()).queryParams(Map.of("offset", "0", "limit", "2")).get("/api/v1/products").then()
                .statusCode(200).body("items", hasSize(2)).body("nextOffset", equalTo(2))
                .body("items[0].sku", equalTo("OF-4"));
        as(tenant.adminKey()).queryParams(Map.of("offset", "4", "limit", "2")).get("/api/v1/products").then()
                .statusCode(200).body("items", hasSize(1)).body("nextOffset", equalTo(null))
                .body("items[0].sku", equalTo("OF-0"));
    }

    private static Set<String> skus(String key, Map<String, String> query) {
        return new HashSet<>(as(key).queryParams(query).get("/api/v1/products").then().statusCode(200)
                .extract().jsonPath().getList("items.sku"));
    }
}
