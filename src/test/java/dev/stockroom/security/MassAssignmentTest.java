package dev.stockroom.security;

import static dev.stockroom.support.Api.invalidAsOperator;
import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.operator;
import static dev.stockroom.support.Api.product;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import dev.stockroom.support.Api.TestTenant;
import dev.stockroom.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Mass assignment: a body naming a field the client may not set (an id, the tenant, a version, a timestamp,
 * a price or total the service computes, a key's prefix) is refused whole with 400 {@code invalid-body}
 * naming the field, and nothing changes, for products (single and batch), orders, API keys and tenants.
 */
@QuarkusTest
class MassAssignmentTest {

    private static final String PAST = "2020-01-01T00:00:00Z";

    @Test
    void aProductCannotSetItsIdTenantVersionOrTimestamps() {
        TestTenant tenant = newTenant("mass");
        TestTenant other = newTenant("mass-other");
        String key = tenant.adminKey();
        String existing = createProduct(key, product("MA-1", "Original", "5.00", 3, "x"));
        Map<String, Object> smuggled = Map.of("id", UUID.randomUUID().toString(), "tenantId", other.id().toString(),
                "version", 99, "createdAt", PAST, "updatedAt", PAST);

        for (Map.Entry<String, Object> field : smuggled.entrySet()) {
            Map<String, Object> body = with(product("MA-2", "Smuggled", "1.00", 1, "x"), field);
            refused(invalidAs(key).body(body).post("/api/v1/products"), field.getKey());
            refused(invalidAs(key).body(with(product("MA-1", "Smuggled", "1.00", 1, "x"), field))
                    .put("/api/v1/products/" + existing), field.getKey());
            refused(invalidAs(key).body(Map.of("operations", List.of(Map.of("op", "create", "product", body),
                    Map.of("op", "update", "id", existing, "product", body)))).post("/api/v1/products/batch"),
                    field.getKey());
        }

        as(key).get("/api/v1/products").then().statusCode(200).body("items.sku", equalTo(List.of("MA-1")));
        as(key).get("/api/v1/products/" + existing).then().statusCode(200).header("ETag", "\"v0\"")
                .body("name", equalTo("Original")).body("version", equalTo(0));
        as(other.adminKey()).get("/api/v1/products").then().statusCode(200).body("items", empty());
    }

    @Test
    void anOrderCannotSetItsPricesTotalOrStatus() {
        String key = newTenant("mass-order").adminKey();
        String product = createProduct(key, product("MO-1", "Priced", "5.00", 5, "x"));
        Map<String, Object> line = Map.of("productId", product, "quantity", 1);

        for (String field : List.of("id", "status", "total", "currency", "createdAt")) {
            refused(invalidAs(key).body(Map.of("lines", List.of(line), field, "0.01")).post("/api/v1/orders"), field);
        }
        for (String field : List.of("unitPrice", "lineTotal", "sku", "name")) {
            refused(invalidAs(key).body(Map.of("lines", List.of(with(line, Map.entry(field, "0.01"))))).post("/api/v1/orders"),
                    field);
        }

        as(key).get("/api/v1/products/" + product).then().statusCode(200).body("stock", equalTo(5));
        as(key).get("/api/v1/orders").then().statusCode(200).body("items", empty());
    }

    @Test
    void keysAndTenantsCannotSetTheirIdTenantOrPrefix() throws Exception {
        TestTenant tenant = newTenant("mass-keys");
        TestTenant other = newTenant("mass-keys-other");
        Map<String, Object> key = Map.of("name", "smuggler", "role", "ADMIN");

        for (Map.Entry<String, Object> field : Map.<String, Object>of("tenantId", other.id().toString(),
                "id", UUID.randomUUID().toString(), "prefix", "sr_chosen", "key", "sr_chosen_secret",
                "revokedAt", PAST).entrySet()) {
            refused(invalidAs(tenant.adminKey()).body(with(key, field)).post("/api/v1/api-keys"), field.getKey());
        }
        as(tenant.adminKey()).get("/api/v1/api-keys").then().statusCode(200).body("$", hasSize(1));
        as(other.adminKey()).get("/api/v1/api-keys").then().statusCode(200).body("$", hasSize(1));

        Map<String, Object> newTenant = Map.of("slug", Api.slug("mass-new"), "name", "New");
        for (Map.Entry<String, Object> field : Map.<String, Object>of("id", other.id().toString(),
                "status", "SUSPENDED", "createdAt", PAST).entrySet()) {
            refused(invalidAsOperator().body(with(newTenant, field)).post("/admin/tenants"), field.getKey());
        }
        assertEquals(0, Database.count("SELECT count(*) FROM tenants WHERE slug = ?", newTenant.get("slug")));
        assertEquals(1, Database.count("SELECT count(*) FROM tenants WHERE slug = ?", tenant.slug()));
        for (Map.Entry<String, Object> field : Map.<String, Object>of("slug", "taken-over", "id",
                UUID.randomUUID().toString(), "name", "Renamed").entrySet()) {
            refused(invalidAsOperator().body(with(Map.of("plan", "FREE"), field)).patch("/admin/tenants/" + tenant.id()),
                    field.getKey());
        }
        operator().get("/admin/tenants/" + tenant.id()).then().statusCode(200)
                .body("slug", equalTo(tenant.slug())).body("plan", equalTo("PRO"));
    }

    private static Map<String, Object> with(Map<String, Object> body, Map.Entry<String, Object> field) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field.getKey(), field.getValue());
        return copy;
    }

    private static void refused(Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/invalid-body"))
                .body("detail", equalTo("Unknown field '" + field + "'"));
    }
}
