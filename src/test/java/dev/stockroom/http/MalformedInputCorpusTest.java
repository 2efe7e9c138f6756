package dev.stockroom.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import dev.stockroom.support.OpenApiValidation;
import dev.stockroom.support.OpenApiDocument;
import dev.stockroom.support.OpenApiDocument.Operation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Over a thousand malformed requests across every operation of the OpenAPI document: broken JSON, wrong
 * types, huge numbers, long and exotic strings and injection attempts in every body, path parameter and query
 * parameter (documented, undeclared and repeated), and missing, repeated and malformed headers, oversize
 * bodies. None may answer 5xx, and every error must be a problem document. The operations come from the
 * document, so a new endpoint is in the corpus from the start; one that takes a body fails the test until
 * {@link #validBody} knows a valid one.
 */
@QuarkusTest
class MalformedInputCorpusTest {

    private static final List<String> HOSTILE = List.of("' OR 1=1 --", "\"; DROP TABLE products; --", "<script>alert(1)</script>",
            "../../etc/passwd", "%00", "\u0000", "${jndi:ldap://x/a}", "{{7*7}}", "ñàü漢字🚀", "\uFEFF\u202E", "x".repeat(5000),
            "-1", "1e309", "99999999999999999999999", "NaN", "null", "[]", "{}", "*", ":", "{t:abc}", "\n\r\t", "%%%");
    private static final List<String> BROKEN_JSON = List.of("", "{", "}", "[", "{\"a\":}", "{\"a\" 1}", "nul", "{'a':1}",
            "{\"sku\":\"x\",}", "\"just a string\"", "123", "true", "[{}]", "{\"sku\":\"x\"}{\"sku\":\"y\"}", "\u0000{}");
    private static final List<String[]> HOSTILE_HEADERS = List.of(new String[] { "X-API-Key", "" },
            new String[] { "Authorization", "Bearer" }, new String[] { "Authorization", "Basic Zm9vOmJhcg==" },
            new String[] { "Authorization", "Bearer " + "a".repeat(8000) }, new String[] { "If-Match", "not-an-etag" },
            new String[] { "If-None-Match", "\"" }, new String[] { "If-Modified-Since", "yesterday" },
            new String[] { "Accept", "application/xml" },
            new String[] { "Content-Type", "application/json; charset=klingon" },
            new String[] { "Idempotency-Key", "\"unterminated" }, new String[] { "Idempotency-Key", "k".repeat(300) },
            new String[] { "Idempotency-Key", "\"'; DROP TABLE idempotency_keys; --\"" });
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> sentTo = new TreeMap<>();
    private int sent;

    private String key;
    private String product;
    private String order;
    private UUID tenantId;

    @Test
    void noMalformedRequestGetsA5xxOrABareError() {
        Api.TestTenant tenant = Api.newTenant("corpus");
        key = tenant.adminKey();
        tenantId = tenant.id();
        product = Api.createProduct(key, Api.product("C-1", "Corpus", "1.00", 1_000_000, "x"));
        order = Api.as(key).body(Map.of("lines", List.of(Map.of("productId", product, "quantity", 1))))
                .post("/api/v1/orders").then().statusCode(201).extract().path("id");

        List<Operation> operations = OpenApiDocument.operations();
        List<String> withoutValidBody = new ArrayList<>();
        for (Operation operation : operations) {
            Supplier<Object> valid = validBody(operation);
            if (operation.takesBody() && valid == null) {
                withoutValidBody.add(operation.name());
                continue;
            }
            String path = path(operation, null);
            if (operation.takesBody()) {
                for (String body : BROKEN_JSON) {
                    send(operation, auth(operation).contentType("application/json").body(body), path);
                }
                for (String value : HOSTILE) {
                    send(operation, auth(operation).contentType("application/json").body(Map.of("sku", value,
                            "name", value, "price", value, "currency", value, "stock", value, "slug", value,
                            "plan", value, "role", value, "lines", value, "operations", value)), path);
                }
                send(operation, auth(operation).contentType("application/xml").body("<a/>"), path);
                send(operation, auth(operation).contentType("application/json")
                        .body("{\"name\":\"" + "x".repeat(1_200_000) + "\"}"), path);
            }
            // Hostile values in every path parameter (one segment each: encoded, sent as is), with a valid body.
            if (PARAMETER.matcher(operation.path()).find()) {
                for (String value : HOSTILE) {
                    send(operation, withBody(operation, auth(operation).urlEncodingEnabled(false), valid),
                            path(operation, URLEncoder.encode(value, StandardCharsets.UTF_8)));
                }
            }
            // Hostile values in every documented query parameter, then repeated, then in an undeclared one.
            for (String parameter : operation.queryParameters()) {
                for (String value : HOSTILE) {
                    send(operation, withBody(operation, auth(operation).queryParam(parameter, value), valid), path);
                }
                send(operation, withBody(operation, auth(operation).queryParam(parameter, "1", "2"), valid), path);
            }
            send(operation, withBody(operation, auth(operation).queryParam("unexpected", HOSTILE), valid), path);
            // Malformed headers beside a valid credential; then none, and the credential twice.
            for (String[] header : HOSTILE_HEADERS) {
                send(operation, withBody(operation, auth(operation).header(header[0], header[1]), valid), path);
            }
            send(operation, withBody(operation, given(), valid), path);
            send(operation, withBody(operation, twice(operation), valid), path);
        }

        // Wrong types and extreme numbers, field by field.
        Operation createProduct = find(operations, "POST /api/v1/products");
        for (Map.Entry<String, Object> field : Map.<String, Object>of("price", "1e400", "stock", 1e20,
                "tags", "not-a-list", "sku", List.of(1), "currency", 42, "name", Map.of("a", 1)).entrySet()) {
            Map<String, Object> body = new HashMap<>(Api.product("W-1", "Wrong", "1.00", 1, "x"));
            body.put(field.getKey(), field.getValue());
            send(createProduct, given().header("X-API-Key", key).contentType("application/json").body(body),
                    "/api/v1/products");
        }
        Operation placeOrder = find(operations, "POST /api/v1/orders");
        send(placeOrder, given().header("X-API-Key", key).contentType("application/json")
                .body("{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1e99}]}"), "/api/v1/orders");
        send(placeOrder, given().header("X-API-Key", key).contentType("application/json")
                .body("{\"lines\":[{\"productId\":\"not-a-uuid\",\"quantity\":1}]}"), "/api/v1/orders");
        send(find(operations, "GET /api/v1/products"), given().header("Authorization", "Bearer " + key)
                .header("Authorization", "Bearer " + key), "/api/v1/products");

        assertTrue(withoutValidBody.isEmpty(), "no valid body known for " + withoutValidBody
                + ": add one to MalformedInputCorpusTest.validBody");
        List<String> missed = operations.stream().map(Operation::name).filter(name -> !sentTo.containsKey(name))
                .toList();
        assertTrue(missed.isEmpty(), "operations of the OpenAPI document not exercised: " + missed);
        assertTrue(sent >= 1000, "the corpus holds " + sent + " requests");
        assertTrue(failures.isEmpty(),
                failures.size() + " of " + sent + " answered badly:\n" + String.join("\n", failures));
    }

    /** A body the operation accepts, so that the hostile part of a request is the only thing wrong with it. */
    private Supplier<Object> validBody(Operation operation) {
        return switch (operation.name()) {
            case "POST /api/v1/products" -> () -> Api.product(sku(), "Valid", "1.00", 1, "x");
            case "PUT /api/v1/products/{id}" -> () -> Api.product("C-1", "Corpus", "1.00", 1_000_000, "x");
            case "POST /api/v1/products/batch" -> () -> Map.of("operations",
                    List.of(Map.of("op", "create", "product", Api.product(sku(), "Valid", "1.00", 1, "x"))));
            case "POST /api/v1/orders" -> () -> Map.of("lines", List.of(Map.of("productId", product, "quantity", 1)));
            case "POST /api/v1/api-keys" -> () -> Map.of("name", "corpus", "role", "READ_ONLY");
            case "POST /admin/tenants" -> () -> Map.of("slug", Api.slug("corpus"), "name", "Corpus");
            case "PATCH /admin/tenants/{id}" -> () -> Map.of("plan", "PRO");
            default -> null;
        };
    }

    /**
     * The operation's path with each parameter filled: with the given raw value, or else with a real object of
     * the corpus tenant. A DELETE gets a random id, since a real one would remove what the rest of the corpus uses.
     */
    private String path(Operation operation, String raw) {
        Matcher parameter = PARAMETER.matcher(operation.path());
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String value = raw;
            if (value == null) {
                String template = operation.path();
                value = operation.method().equals("DELETE") && parameter.group(1).equals("id")
                        ? UUID.randomUUID().toString()
                        : template.startsWith("/api/v1/products/") ? product
                        : template.startsWith("/api/v1/orders/") ? order
                        : template.startsWith("/admin/tenants/") ? tenantId.toString()
                        : template.startsWith("/api/v1/cache/caches/") ? "product"
                        : parameter.group(1).equals("id") ? UUID.randomUUID().toString() : "corpus";
            }
            parameter.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        return parameter.appendTail(path).toString();
    }

    private RequestSpecification auth(Operation operation) {
        return operation.path().startsWith("/admin") ? given().auth().oauth2(Api.OPERATOR_TOKEN)
                : given().header("X-API-Key", key);
    }

    private RequestSpecification twice(Operation operation) {
        return operation.path().startsWith("/admin")
                ? given().header("Authorization", "Bearer " + Api.OPERATOR_TOKEN)
                        .header("Authorization", "Bearer " + Api.OPERATOR_TOKEN)
                : given().header("X-API-Key", key).header("X-API-Key", key);
    }

    private static RequestSpecification withBody(Operation operation, RequestSpecification request,
            Supplier<Object> body) {
        return operation.takesBody() ? request.contentType("application/json").body(body.get()) : request;
    }

    private static Operation find(List<Operation> operations, String name) {
        return operations.stream().filter(operation -> operation.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the OpenAPI document"));
    }

    private static String sku() {
        return "V-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private void send(Operation operation, RequestSpecification request, String path) {
        sent++;
        sentTo.merge(operation.name(), 1, Integer::sum);
        Response response = request.filter(OpenApiValidation.invalidRequest()).request(operation.method(), path);
        int status = response.statusCode();
        String type = response.contentType();
        String shown = operation.method() + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path);
        if (status >= 500) {
            failures.add(status + " " + shown + ": " + response.asString());
        } else if (status >= 400 && (type == null || !type.startsWith("application/problem+json"))) {
            failures.add(status + " without a problem body: " + shown + " (" + type + ")");
        }
    }
}
