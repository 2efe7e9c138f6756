package dev.stockroom.security;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.operator;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.OpenApiValidation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Every size limit of a request at its edge: the largest value allowed is served, one more is refused with
 * 400 naming the parameter or field, a body over 1 MiB with 413 and a request line over 16 KiB with 414, so
 * that no single request asks for unbounded work. (The batch's 500 operations: ProductBatchTest.)
 */
@QuarkusTest
class ResourceLimitsTest {

    private static final int MAX_BODY = 1024 * 1024;

    @Test
    void listingParametersAreBounded() {
        String key = newTenant("limits-list").adminKey();
        for (String listing : List.of("/api/v1/products", "/api/v1/orders")) {
            parameter(() -> as(key), listing, "limit", "200", "201");
        }
        parameter(() -> operator(), "/admin/tenants", "limit", "200", "201");
        parameter(() -> as(key), "/api/v1/products", "offset", "10000", "10001");
        parameter(() -> as(key), "/api/v1/products", "fields",
                "id,sku,name,description,price,currency,stock,category,tags,version,createdAt,updatedAt",
                "id,tenantId");
        for (String listing : List.of("/api/v1/products", "/api/v1/products/summary")) {
            parameter(() -> as(key), listing, "q", "q".repeat(100), "q".repeat(101));
            parameter(() -> as(key), listing, "category", "c".repeat(100), "c".repeat(101));
            parameter(() -> as(key), listing, "tag", "t".repeat(50), "t".repeat(51));
        }
    }

    @Test
    void productBodiesAreBounded() {
        String key = newTenant("limits-product").adminKey();
        field(key, "sku", "S" + "k".repeat(63), "S" + "k".repeat(64));
        field(key, "name", "n".repeat(200), "n".repeat(201));
        field(key, "description", "d".repeat(4000), "d".repeat(4001));
        field(key, "category", "c".repeat(100), "c".repeat(101));
        field(key, "stock", 1_000_000_000, 1_000_000_001);
        field(key, "tags", Collections.nCopies(20, "t".repeat(50)), Collections.nCopies(21, "t"));
        field(key, "tags", List.of("t".repeat(50)), List.of("t".repeat(51)));
    }

    @Test
    void ordersAreBounded() {
        String key = newTenant("limits-order").adminKey();
        String product = createProduct(key, product("LO-1", "Plenty", "0.01", 1_000_000_000, "x"));
        Map<String, Object> one = Map.of("productId", product, "quantity", 1);
        List<Map<String, Object>> lines = new ArrayList<>(Collections.nCopies(100, one));
        as(key).body(Map.of("lines", lines)).post("/api/v1/orders").then().statusCode(201);
        lines.add(one);
        invalidAs(key).body(Map.of("lines", lines)).post("/api/v1/orders").then().statusCode(400)
                .body("type", endsWith("/validation-failed")).body("errors.field", hasItem("lines"));

        as(key).body(Map.of("lines", List.of(Map.of("productId", product, "quantity", 1_000_000))))
                .post("/api/v1/orders").then().statusCode(201);
        invalidAs(key).body(Map.of("lines", List.of(Map.of("productId", product, "quantity", 1_000_001))))
                .post("/api/v1/orders").then().statusCode(400).body("errors.field", hasItem("lines[0].quantity"));
    }

    @Test
    void bodiesAndRequestLinesAreBounded() {
        String key = newTenant("limits-size").adminKey();
        // A valid product padded with whitespace to exactly the limit is served; one byte more is not read.
        String body = "{\"sku\":\"BIG-1\",\"name\":\"Big\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}";
        as(key).body(body + " ".repeat(MAX_BODY - body.length())).post("/api/v1/products").then().statusCode(201);
        as(key).body(body.replace("BIG-1", "BIG-2") + " ".repeat(MAX_BODY - body.length() + 1))
                .post("/api/v1/products").then().statusCode(413)
                .contentType("application/problem+json").body("type", endsWith("/payload-too-large"));

        // Up to 16 KiB the request line is read (and its parameter refused); past it, the line is not read at all.
        invalidAs(key).queryParam("q", "q".repeat(16_000)).get("/api/v1/products").then().statusCode(400)
                .body("parameter", equalTo("q"));
        invalidAs(key).queryParam("q", "q".repeat(16_400)).get("/api/v1/products").then().statusCode(414);
    }

    private static void parameter(Supplier<RequestSpecification> caller, String path, String name, String largest,
            String tooLarge) {
        caller.get().queryParam(name, largest).get(path).then().statusCode(200);
        caller.get().filter(OpenApiValidation.invalidRequest()).queryParam(name, tooLarge).get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", endsWith("/invalid-parameter")).body("parameter", equalTo(name));
    }

    private static void field(String key, String name, Object largest, Object tooLarge) {
        Map<String, Object> body = product("F-" + name.hashCode() + "-" + System.nanoTime(), "Edge", "1.00", 1, "x");
        body.put(name, largest);
        as(key).body(body).post("/api/v1/products").then().statusCode(201);
        body.put("sku", "G-" + System.nanoTime());
        body.put(name, tooLarge);
        invalidAs(key).body(body).post("/api/v1/products").then().statusCode(400)
                .body("type", endsWith("/validation-failed")).body("errors.field", hasItem(startsWith(name)));
    }
}
