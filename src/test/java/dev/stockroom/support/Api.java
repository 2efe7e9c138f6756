package dev.stockroom.support;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Test helpers that talk to the running service the way a client would. */
public final class Api {

    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

    private Api() {
    }

    public static RequestSpecification operator() {
        return given().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON);
    }

    public static RequestSpecification as(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON);
    }

    /**
     * A request that is deliberately invalid against the OpenAPI document (a bad body, parameter or credential):
     * only its response is checked against the document ({@link OpenApiValidation}).
     */
    public static RequestSpecification invalid() {
        return given().filter(OpenApiValidation.invalidRequest());
    }

    /** {@link #invalid()} with the key in {@code X-API-Key}. */
    public static RequestSpecification invalidAs(String key) {
        return invalid().header("X-API-Key", key).contentType(ContentType.JSON);
    }

    /** {@link #invalid()} as the operator. */
    public static RequestSpecification invalidAsOperator() {
        return invalid().auth().oauth2(OPERATOR_TOKEN).contentType(ContentType.JSON);
    }

    /** A unique slug, so that each test owns its tenants and never depends on order. */
    public static String slug(String hint) {
        return hint + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a tenant through the operator API and returns it with its first ADMIN key. */
    public static TestTenant newTenant(String hint) {
        return newTenant(hint, "PRO");
    }

    /** Creates a tenant on the given plan. */
    public static TestTenant newTenant(String hint, String plan) {
        ValidatableResponse created = operator()
                .body(Map.of("slug", slug(hint), "name", "Tenant " + hint, "plan", plan))
                .post("/admin/tenants")
                .then().statusCode(201);
        return new TestTenant(UUID.fromString(created.extract().path("tenant.id")),
                created.extract().path("tenant.slug"), created.extract().path("apiKey.key"));
    }

    /** Creates another key of the tenant with the given role. */
    public static String newKey(TestTenant tenant, String role) {
        return as(tenant.adminKey())
                .body(Map.of("name", role.toLowerCase() + " key", "role", role))
                .post("/api/v1/api-keys")
                .then().statusCode(201)
                .extract().path("key");
    }

    /** A product body with sensible values; {@code sku} must be unique within the tenant. */
    public static Map<String, Object> product(String sku, String name, String price, int stock, String category,
            String... tags) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("sku", sku);
        product.put("name", name);
        product.put("description", "About " + name);
        product.put("price", new BigDecimal(price));
        product.put("currency", "EUR");
        product.put("stock", stock);
        product.put("category", category);
        product.put("tags", List.of(tags));
        return product;
    }

    /** Creates a product and returns its id. */
    public static String createProduct(String key, Map<String, Object> product) {
        return as(key).body(product).post("/api/v1/products").then().statusCode(201).extract().path("id");
    }

    public record TestTenant(UUID id, String slug, String adminKey) {
    }
}
