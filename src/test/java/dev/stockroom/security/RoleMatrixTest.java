package dev.stockroom.security;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.newKey;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.stockroom.apikey.ApiKeySecrets;
import dev.stockroom.support.Api;
import dev.stockroom.support.Api.TestTenant;
import dev.stockroom.support.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Function-level authorization of every operation in the OpenAPI document. {@link #ACCESS} says which kinds
 * of caller each operation admits; an operation the document lists but the table does not (a new endpoint
 * without a decision about its roles), or a table entry the document does not list, fails the test. Each
 * operation is then called by every kind of caller, on real objects of the caller's tenant and with a valid
 * body: a caller the table admits gets a 2xx, one without credentials or with an unknown key gets a 401
 * problem, an authenticated caller without the role gets a 403 problem, and nothing answers 5xx.
 * docs/security.md renders this table; the table is the source of truth.
 */
@QuarkusTest
class RoleMatrixTest {

    enum Caller {
        ANONYMOUS, UNKNOWN_KEY, READ_ONLY, MEMBER, ADMIN, OPERATOR;

        /** Not authenticated at all: refused with 401 rather than 403. */
        boolean unauthenticated() {
            return this == ANONYMOUS || this == UNKNOWN_KEY;
        }
    }

    private static final Set<Caller> READERS = EnumSet.of(Caller.READ_ONLY, Caller.MEMBER, Caller.ADMIN);
    private static final Set<Caller> WRITERS = EnumSet.of(Caller.MEMBER, Caller.ADMIN);
    private static final Set<Caller> ADMINS = EnumSet.of(Caller.ADMIN);
    private static final Set<Caller> OPERATOR = EnumSet.of(Caller.OPERATOR);

    /** Who may call each operation, with the body it is called with. */
    private static final List<Access> ACCESS = List.of(
            access("GET /api/v1/products", READERS),
            access("GET /api/v1/products/summary", READERS),
            access("GET /api/v1/products/{id}", READERS),
            access("POST /api/v1/products", WRITERS, f -> newProduct()),
            access("PUT /api/v1/products/{id}", WRITERS, f -> newProduct()),
            access("DELETE /api/v1/products/{id}", WRITERS),
            access("POST /api/v1/products/batch", WRITERS,
                    f -> Map.of("operations", List.of(Map.of("op", "create", "product", newProduct())))),
            access("GET /api/v1/orders", READERS),
            access("GET /api/v1/orders/{id}", READERS),
            access("POST /api/v1/orders", WRITERS,
                    f -> Map.of("lines", List.of(Map.of("productId", f.stockedProduct(), "quantity", 1)))),
            access("GET /api/v1/whoami", READERS),
            access("GET /api/v1/api-keys", ADMINS),
            access("POST /api/v1/api-keys", ADMINS, f -> Map.of("name", "matrix", "role", "READ_ONLY")),
            access("DELETE /api/v1/api-keys/{id}", ADMINS),
            access("GET /api/v1/cache/stats", ADMINS),
            access("DELETE /api/v1/cache", ADMINS),
            access("DELETE /api/v1/cache/tags/{tag}", ADMINS),
            access("DELETE /api/v1/cache/caches/{name}", ADMINS),
            access("GET /admin/tenants", OPERATOR),
            access("POST /admin/tenants", OPERATOR,
                    f -> Map.of("slug", Api.slug("matrix"), "name", "Matrix", "plan", "PRO")),
            access("GET /admin/tenants/{id}", OPERATOR),
            access("PATCH /admin/tenants/{id}", OPERATOR, f -> Map.of("plan", "PRO")),
            access("DELETE /admin/tenants/{id}", OPERATOR),
            access("GET /admin/cache/stats", OPERATOR));

    /** A path parameter and the collection before it: products in /api/v1/products/{id}. */
    private static final Pattern PARAMETER = Pattern.compile("/([^/]+)/\\{\\w+}");

    private final SecureRandom random = new SecureRandom();

    @Test
    void everyDocumentedOperationIsInTheTableAndNothingElse() {
        Set<String> documented = OpenApiDocument.operations().stream().map(OpenApiDocument.Operation::name)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> tabled = ACCESS.stream().map(Access::operation).collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        documented.stream().filter(op -> !tabled.contains(op)).forEach(op -> problems.add(op
                + " is in the OpenAPI document but not in RoleMatrixTest.ACCESS: add it with the callers it admits"));
        tabled.stream().filter(op -> !documented.contains(op)).forEach(op -> problems.add(op
                + " is in RoleMatrixTest.ACCESS but not in the OpenAPI document: remove it or fix its path"));
        assertEquals(ACCESS.size(), tabled.size(), "RoleMatrixTest.ACCESS lists an operation twice");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void eachCallerIsAdmittedExactlyWhereTheTableSays() {
        // A tenant per kind of key, so that no caller spends another's budgets; callers without a tenant act
        // on the objects of a bystander tenant.
        TestTenant bystander = newTenant("matrix-bystander");
        Map<Caller, Fixture> fixtures = new EnumMap<>(Caller.class);
        fixtures.put(Caller.ANONYMOUS, fixture(Map.of(), bystander, false));
        fixtures.put(Caller.UNKNOWN_KEY,
                fixture(Map.of("X-API-Key", ApiKeySecrets.generate(random).key()), bystander, false));
        for (Caller role : List.of(Caller.READ_ONLY, Caller.MEMBER, Caller.ADMIN)) {
            TestTenant tenant = newTenant("matrix-" + role.name().toLowerCase().replace('_', '-'));
            String key = role == Caller.ADMIN ? tenant.adminKey() : newKey(tenant, role.name());
            fixtures.put(role, fixture(Map.of("X-API-Key", key), tenant, true));
        }
        fixtures.put(Caller.OPERATOR,
                fixture(Map.of("Authorization", "Bearer " + Api.OPERATOR_TOKEN), bystander, false));

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Access access : ACCESS) {
            for (Caller caller : Caller.values()) {
                calls++;
                String failure = check(access, caller, fixtures.get(caller));
                if (failure != null) {
                    failures.add(access.operation() + " as " + caller + ": " + failure);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + calls + " calls answered wrongly:\n"
                + String.join("\n", failures));
    }

    private String check(Access access, Caller caller, Fixture fixture) {
        String[] operation = access.operation().split(" ", 2);
        // Without a credential, or with an API key on an operator endpoint (which takes a bearer token only),
        // the request is invalid against the document; its response is still checked.
        boolean invalid = caller == Caller.ANONYMOUS
                || operation[1].startsWith("/admin") && fixture.credentials().containsKey("X-API-Key");
        RequestSpecification request = (invalid ? Api.invalid() : given()).headers(fixture.credentials())
                .urlEncodingEnabled(false);
        Object body = access.body().apply(fixture);
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        Response response = request.request(operation[0], path(operation[1], fixture));
        int status = response.statusCode();
        String type = String.valueOf(response.contentType());
        if (status == 429) {
            return "429: a rate limit answered, so authorization was not shown (" + response.asString() + ")";
        }
        if (access.allowed().contains(caller)) {
            return status >= 200 && status < 300 ? null
                    : "admitted, expected 2xx, got " + status + " " + response.asString();
        }
        int expected = caller.unauthenticated() ? 401 : 403;
        if (status != expected) {
            return "not admitted, expected " + expected + ", got " + status + " " + response.asString();
        }
        if (!type.startsWith("application/problem+json")) {
            return status + " without a problem document (" + type + ")";
        }
        if (status == 401 && response.header("WWW-Authenticate") == null) {
            return "401 without WWW-Authenticate";
        }
        return null;
    }

    /**
     * The template with each parameter filled: an id with a real object of the caller's tenant (or, for the
     * tenant endpoints, the caller's own tenant), fresh where the call may delete it.
     */
    private static String path(String template, Fixture fixture) {
        Matcher parameter = PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String collection = parameter.group(1);
            String value = switch (collection) {
                case "products" -> Api.createProduct(fixture.tenant().adminKey(), newProduct());
                case "orders" -> fixture.order();
                case "api-keys" -> as(fixture.tenant().adminKey()).body(Map.of("name", "spare", "role", "READ_ONLY"))
                        .post("/api/v1/api-keys").then().statusCode(201).extract().path("id");
                case "tenants" -> (fixture.ownTenant() ? fixture.tenant() : newTenant("matrix-spare")).id().toString();
                case "caches" -> "product";
                case "tags" -> "products";
                default -> UUID.randomUUID().toString();
            };
            parameter.appendReplacement(path, Matcher.quoteReplacement("/" + collection + "/" + value));
        }
        return parameter.appendTail(path).toString();
    }

    private static Fixture fixture(Map<String, String> credentials, TestTenant tenant, boolean ownTenant) {
        String stocked = Api.createProduct(tenant.adminKey(), product(sku(), "Stocked", "1.00", 1_000_000, "matrix"));
        String order = as(tenant.adminKey())
                .body(Map.of("lines", List.of(Map.of("productId", stocked, "quantity", 1))))
                .post("/api/v1/orders").then().statusCode(201).extract().path("id");
        return new Fixture(credentials, tenant, ownTenant, stocked, order);
    }

    private static Map<String, Object> newProduct() {
        return product(sku(), "Matrix", "2.50", 10, "matrix", "roles");
    }

    private static String sku() {
        return "M-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static Access access(String operation, Set<Caller> allowed) {
        return new Access(operation, allowed, fixture -> null);
    }

    private static Access access(String operation, Set<Caller> allowed, Function<Fixture, Object> body) {
        return new Access(operation, allowed, body);
    }

    /** One row of the table: an operation as "METHOD /path/{param}", the callers it admits, its body. */
    private record Access(String operation, Set<Caller> allowed, Function<Fixture, Object> body) {
    }

    /**
     * What a caller calls with: its credential headers, the tenant whose objects fill the path (its own for a
     * key, a bystander's otherwise), a product with stock to order, and an order.
     */
    private record Fixture(Map<String, String> credentials, TestTenant tenant, boolean ownTenant,
            String stockedProduct, String order) {
    }
}
