package dev.stockroom.catalog;

import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api.TestTenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

@QuarkusTest
class ProductResourceTest {

    @Test
    void createReadUpdateDelete() {
        TestTenant tenant = newTenant("crud");
        ExtractableResponse<Response> created = as(tenant.adminKey())
                .body(product("HAM-1", "Claw hammer", "19.90", 10, "tools", "steel", "sale"))
                .post("/api/v1/products")
                .then().statusCode(201)
                .header("ETag", "\"v0\"")
                .body("sku", equalTo("HAM-1"))
                .body("price", equalTo(19.90f))
                .body("tags", equalTo(List.of("steel", "sale")))
                .extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/v1/products/" + id));

        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200)
                .header("ETag", "\"v0\"")
                .header("Last-Modified", notNullValue())
                .header("Cache-Control", "private, no-cache")
                .header("Vary", containsString("Authorization"))
                .body("name", equalTo("Claw hammer"));

        as(tenant.adminKey()).body(product("HAM-1", "Claw hammer XL", "24.50", 8, "tools"))
                .put("/api/v1/products/" + id)
                .then().statusCode(200).header("ETag", "\"v1\"").body("name", equalTo("Claw hammer XL"))
                .body("version", equalTo(1));

        as(tenant.adminKey()).delete("/api/v1/products/" + id).then().statusCode(204);
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(404).body("type", endsWith("/not-found"));
    }

    @Test
    void jsonLeavesOutNullFields() {
        TestTenant tenant = newTenant("nulls");
        Map<String, Object> body = product("NUL-1", "No description", "1.00", 1, null);
        body.remove("description");
        body.remove("category");
        as(tenant.adminKey()).body(body).post("/api/v1/products").then().statusCode(201)
                .body("$", not(hasKey("description")))
                .body("$", not(hasKey("category")));
    }

    @Test
    void duplicateSkuIsAConflict() {
        TestTenant tenant = newTenant("dupsku");
        createProduct(tenant.adminKey(), product("DUP-1", "One", "1.00", 1, "x"));
        as(tenant.adminKey()).body(product("DUP-1", "Two", "1.00", 1, "x")).post("/api/v1/products")
                .then().statusCode(409).body("type", endsWith("/duplicate-sku"));
        String other = createProduct(tenant.adminKey(), product("DUP-2", "Two", "1.00", 1, "x"));
        as(tenant.adminKey()).body(product("DUP-1", "Two", "1.00", 1, "x")).put("/api/v1/products/" + other)
                .then().statusCode(409).body("type", endsWith("/duplicate-sku"));
        // The same SKU in another tenant is fine.
        createProduct(newTenant("dupsku2").adminKey(), product("DUP-1", "Elsewhere", "1.00", 1, "x"));
    }

    @Test
    void validationNamesEachFailingField() {
        TestTenant tenant = newTenant("valid");
        Map<String, Object> bad = product("bad sku!", "", "-1.00", -5, "x");
        bad.put("currency", "EURO");
        invalidAs(tenant.adminKey()).body(bad).post("/api/v1/products").then().statusCode(400)
                .body("type", endsWith("/validation-failed"))
                .body("errors.field", hasItem("sku"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("price"))
                .body("errors.field", hasItem("stock"))
                .body("errors.field", hasItem("currency"));
        Map<String, Object> precise = product("P-1", "Too precise", "1.001", 1, "x");
        invalidAs(tenant.adminKey()).body(precise).post("/api/v1/products").then().statusCode(400)
                .body("errors[0].field", equalTo("price"));
        Map<String, Object> unknownCurrency = product("P-2", "Unknown currency", "1.00", 1, "x");
        unknownCurrency.put("currency", "XYZ");
        as(tenant.adminKey()).body(unknownCurrency).post("/api/v1/products").then().statusCode(400)
                .body("errors[0].field", equalTo("currency"));
    }

    @Test
    void conditionalReadsAnswer304() {
        TestTenant tenant = newTenant("etag");
        String id = createProduct(tenant.adminKey(), product("E-1", "Tagged", "5.00", 3, "x"));
        String lastModified = as(tenant.adminKey()).get("/api/v1/products/" + id).header("Last-Modified");

        as(tenant.adminKey()).header("If-None-Match", "\"v0\"").get("/api/v1/products/" + id)
                .then().statusCode(304).header("ETag", "\"v0\"");
        as(tenant.adminKey()).header("If-None-Match", "\"v7\"").get("/api/v1/products/" + id).then().statusCode(200);
        as(tenant.adminKey()).header("If-Modified-Since", lastModified).get("/api/v1/products/" + id)
                .then().statusCode(304);
        as(tenant.adminKey()).header("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")
                .get("/api/v1/products/" + id).then().statusCode(200);
    }

    @Test
    void ifMatchGuardsUpdatesAndDeletes() {
        TestTenant tenant = newTenant("ifmatch");
        String id = createProduct(tenant.adminKey(), product("M-1", "Guarded", "5.00", 3, "x"));

        as(tenant.adminKey()).header("If-Match", "\"v0\"").body(product("M-1", "First", "5.00", 3, "x"))
                .put("/api/v1/products/" + id).then().statusCode(200).header("ETag", "\"v1\"");
        as(tenant.adminKey()).header("If-Match", "\"v0\"").body(product("M-1", "Lost update", "5.00", 3, "x"))
                .put("/api/v1/products/" + id).then().statusCode(412)
                .contentType("application/problem+json").body("type", endsWith("/precondition-failed"));
        as(tenant.adminKey()).header("If-Match", "\"v0\"").delete("/api/v1/products/" + id).then().statusCode(412);
        as(tenant.adminKey()).get("/api/v1/products/" + id).then().body("name", equalTo("First"));
        as(tenant.adminKey()).header("If-Match", "\"v1\"").delete("/api/v1/products/" + id).then().statusCode(204);
    }

    @Test
    void readOnlyKeysCannotWrite() {
        TestTenant tenant = newTenant("ro");
        String reader = newKey(tenant, "READ_ONLY");
        String member = newKey(tenant, "MEMBER");
        String id = createProduct(member, product("RO-1", "Readable", "5.00", 3, "x"));

        as(reader).get("/api/v1/products/" + id).then().statusCode(200);
        as(reader).get("/api/v1/products").then().statusCode(200);
        as(reader).body(product("RO-2", "Nope", "5.00", 3, "x")).post("/api/v1/products").then().statusCode(403);
        as(reader).body(product("RO-1", "Nope", "5.00", 3, "x")).put("/api/v1/products/" + id).then().statusCode(403);
        as(reader).delete("/api/v1/products/" + id).then().statusCode(403);
        as(reader).body(Map.of("lines", List.of(Map.of("productId", id, "quantity", 1))))
                .post("/api/v1/orders").then().statusCode(403);
    }

    @Test
    void summaryGivesFiguresPerCategory() {
        TestTenant tenant = newTenant("summary");
        createProduct(tenant.adminKey(), product("S-1", "A", "10.00", 1, "tools", "sale"));
        createProduct(tenant.adminKey(), product("S-2", "B", "20.00", 2, "tools"));
        createProduct(tenant.adminKey(), product("S-3", "C", "5.00", 4, "garden", "sale"));

        as(tenant.adminKey()).get("/api/v1/products/summary").then().statusCode(200)
                .body("total.products", equalTo(3))
                .body("total.stock", equalTo(7))
                .body("groups.find { it.category == 'tools' }.products", equalTo(2))
                .body("groups.find { it.category == 'tools' }.minPrice", equalTo(10.0f))
                .body("groups.find { it.category == 'tools' }.maxPrice", equalTo(20.0f))
                .body("groups.find { it.category == 'tools' }.averagePrice", equalTo(15.0f))
                .body("groups.find { it.category == 'garden' }.stock", equalTo(4));
        as(tenant.adminKey()).queryParam("tag", "sale").get("/api/v1/products/summary").then().statusCode(200)
                .body("total.products", equalTo(2));
    }

    @Test
    void orderLinesKeepTheirSnapshotWhenTheProductIsDeleted() {
        TestTenant tenant = newTenant("snapshot");
        String id = createProduct(tenant.adminKey(), product("SN-1", "Snapshot", "3.00", 5, "x"));
        String order = as(tenant.adminKey()).body(Map.of("lines", List.of(Map.of("productId", id, "quantity", 2))))
                .post("/api/v1/orders").then().statusCode(201).extract().path("id");
        as(tenant.adminKey()).delete("/api/v1/products/" + id).then().statusCode(204);
        as(tenant.adminKey()).get("/api/v1/orders/" + order).then().statusCode(200)
                .body("lines[0].sku", equalTo("SN-1"))
                .body("lines[0].productId", nullValue())
                .body("total", equalTo(6.0f));
    }
}
