package dev.stockroom.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Hundreds of malformed requests across every endpoint: broken JSON, wrong types, huge numbers, long and
 * exotic strings, injection attempts in every parameter, missing and repeated headers, oversize bodies.
 * None may answer 5xx, and every error must be a problem document.
 */
@QuarkusTest
class MalformedInputCorpusTest {

    private static final List<String> HOSTILE = List.of("' OR 1=1 --", "\"; DROP TABLE products; --", "<script>alert(1)</script>",
            "../../etc/passwd", "%00", "\u0000", "${jndi:ldap://x/a}", "{{7*7}}", "ñàü漢字🚀", "\uFEFF\u202E", "x".repeat(5000),
            "-1", "1e309", "99999999999999999999999", "NaN", "null", "[]", "{}", "*", ":", "{t:abc}", "\n\r\t", "%%%");
    private static final List<String> BROKEN_JSON = List.of("", "{", "}", "[", "{\"a\":}", "{\"a\" 1}", "nul", "{'a':1}",
            "{\"sku\":\"x\",}", "\"just a string\"", "123", "true", "[{}]", "{\"sku\":\"x\"}{\"sku\":\"y\"}", "\u0000{}");

    private final List<String> failures = new ArrayList<>();
    private int sent;

    @Test
    void noMalformedRequestGetsA5xxOrABareError() {
        Api.TestTenant tenant = Api.newTenant("corpus");
        String key = tenant.adminKey();
        String product = Api.createProduct(key, Api.product("C-1", "Corpus", "1.00", 5, "x"));

        List<String[]> bodyEndpoints = List.of(new String[] { "POST", "/api/v1/products" },
                new String[] { "PUT", "/api/v1/products/" + product }, new String[] { "POST", "/api/v1/products/batch" },
                new String[] { "POST", "/api/v1/orders" }, new String[] { "POST", "/api/v1/api-keys" },
                new String[] { "PATCH", "/admin/tenants/" + tenant.id() }, new String[] { "POST", "/admin/tenants" });
        for (String[] endpoint : bodyEndpoints) {
            boolean operator = endpoint[1].startsWith("/admin");
            for (String body : BROKEN_JSON) {
                send(auth(operator, key).contentType("application/json").body(body), endpoint[0], endpoint[1]);
            }
            for (String value : HOSTILE) {
                send(auth(operator, key).contentType("application/json").body(Map.of("sku", value, "name", value,
                        "price", value, "currency", value, "stock", value, "slug", value, "plan", value, "role", value,
                        "lines", value, "operations", value)), endpoint[0], endpoint[1]);
            }
            send(auth(operator, key).contentType("application/xml").body("<a/>"), endpoint[0], endpoint[1]);
            send(auth(operator, key).contentType("application/json").body("{\"name\":\"" + "x".repeat(1_200_000) + "\"}"),
                    endpoint[0], endpoint[1]);
        }
        // Wrong types and extreme numbers, field by field.
        for (Map.Entry<String, Object> field : Map.<String, Object>of("price", "1e400", "stock", 1e20, "tags", "not-a-list",
                "sku", List.of(1), "currency", 42, "name", Map.of("a", 1)).entrySet()) {
            Map<String, Object> body = new HashMap<>(Api.product("W-1", "Wrong", "1.00", 1, "x"));
            body.put(field.getKey(), field.getValue());
            send(auth(false, key).contentType("application/json").body(body), "POST", "/api/v1/products");
        }
        send(auth(false, key).contentType("application/json")
                .body("{\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":1e99}]}"), "POST", "/api/v1/orders");
        send(auth(false, key).contentType("application/json")
                .body("{\"lines\":[{\"productId\":\"not-a-uuid\",\"quantity\":1}]}"), "POST", "/api/v1/orders");

        // Hostile values in every query parameter and path segment.
        for (String value : HOSTILE) {
            for (String parameter : List.of("category", "tag", "q", "minPrice", "maxPrice", "limit", "cursor", "offset", "fields")) {
                send(auth(false, key).queryParam(parameter, value), "GET", "/api/v1/products");
            }
            send(auth(false, key).queryParam("q", value), "GET", "/api/v1/products/summary");
            send(auth(false, key).queryParam("cursor", value).queryParam("limit", value), "GET", "/api/v1/orders");
            send(auth(true, key).queryParam("cursor", value).queryParam("limit", value), "GET", "/admin/tenants");
            String segment = URLEncoder.encode(value, StandardCharsets.UTF_8);
            send(auth(false, key).urlEncodingEnabled(false), "GET", "/api/v1/products/" + segment);
            send(auth(false, key).urlEncodingEnabled(false), "DELETE", "/api/v1/api-keys/" + segment);
            send(auth(false, key).urlEncodingEnabled(false), "DELETE", "/api/v1/cache/tags/" + segment);
        }
        // Missing, repeated and malformed headers.
        for (String[] headers : List.of(new String[] { "X-API-Key", "" }, new String[] { "Authorization", "Bearer" },
                new String[] { "Authorization", "Basic Zm9vOmJhcg==" }, new String[] { "Authorization", "Bearer " + "a".repeat(8000) },
                new String[] { "If-Match", "not-an-etag" }, new String[] { "If-None-Match", "\"" },
                new String[] { "If-Modified-Since", "yesterday" }, new String[] { "Accept", "application/xml" },
                new String[] { "Content-Type", "application/json; charset=klingon" })) {
            send(given().header("X-API-Key", key).header(headers[0], headers[1]), "GET", "/api/v1/products/" + product);
            send(given().header(headers[0], headers[1]), "GET", "/api/v1/products");
        }
        send(given().header("X-API-Key", key).header("X-API-Key", key), "GET", "/api/v1/products");
        send(given().header("Authorization", "Bearer " + key).header("Authorization", "Bearer " + key), "GET", "/api/v1/products");
        send(given(), "GET", "/api/v1/products");
        send(given(), "GET", "/admin/tenants");

        assertTrue(sent >= 200, "the corpus holds " + sent + " requests");
        assertTrue(failures.isEmpty(), failures.size() + " of " + sent + " answered badly:\n" + String.join("\n", failures));
    }

    private static RequestSpecification auth(boolean operator, String key) {
        return operator ? given().auth().oauth2(Api.OPERATOR_TOKEN) : given().header("X-API-Key", key);
    }

    private void send(RequestSpecification request, String method, String path) {
        sent++;
        Response response = request.request(method, path);
        int status = response.statusCode();
        String type = response.contentType();
        if (status >= 500) {
            failures.add(status + " " + method + " " + path + ": " + response.asString());
        } else if (status >= 400 && (type == null || !type.startsWith("application/problem+json"))) {
            failures.add(status + " without a problem body: " + method + " " + path + " (" + type + ")");
        }
    }
}
