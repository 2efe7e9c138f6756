package dev.stockroom.http;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.invalid;
import static dev.stockroom.support.Api.invalidAs;
import static dev.stockroom.support.Api.newTenant;
import static dev.stockroom.support.Api.operator;
import static dev.stockroom.support.Api.product;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import dev.stockroom.support.OpenApiDocument;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * RFC 9110 details every response must get right: {@code Date} everywhere, caching rules that keep shared
 * caches from handing one caller's answer to another (errors included), gzip for every JSON body of 1 KiB
 * and more whose request accepts it (coding names in any case), no {@code identity} content coding, and HEAD
 * answering the header fields GET would.
 */
@QuarkusTest
class HttpSemanticsTest {

    private static final RestAssuredConfig RAW = RestAssuredConfig.config()
            .decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());

    @Test
    void everyResponseHasADate() {
        String key = newTenant("date").adminKey();
        List<Response> responses = List.of(
                as(key).get("/api/v1/products"),
                as(key).get("/api/v1/products/00000000-0000-0000-0000-000000000000"),
                given().header("X-API-Key", "sr_unknownunknownunknownunknownunknownunknownunknown").get("/api/v1/products"),
                invalid().get("/no/such/route"),
                given().get("/q/health/live"),
                invalidAs(key).body("x".repeat(2_000_000)).post("/api/v1/products"));
        for (Response response : responses) {
            assertNotNull(response.header("Date"), response.statusLine() + " has a Date");
        }
    }

    @Test
    void tenantAnswersArePrivateAndErrorsAreNeverStored() {
        String key = newTenant("private").adminKey();
        String id = createProduct(key, product("PRIV-1", "Private", "1.00", 1, "x"));
        Response read = as(key).get("/api/v1/products/" + id);
        assertEquals("private, no-cache", read.header("Cache-Control"));
        assertVaryOnCredentials(read);
        for (Response error : List.of(as(key).get("/api/v1/products/00000000-0000-0000-0000-000000000000"),
                invalidAs(key).get("/api/v1/products?limit=abc"),
                invalidAs(key).body(Map.of()).post("/api/v1/products"))) {
            assertEquals("no-store", error.header("Cache-Control"), error.statusLine());
            assertVaryOnCredentials(error);
        }
        Response write = as(key).body(product("PRIV-1", "Renamed", "1.00", 1, "x")).put("/api/v1/products/" + id);
        assertEquals("no-store", write.header("Cache-Control"), "a write's answer is not a cacheable read");
    }

    @Test
    void operatorKeyAndAuthenticationFailureAnswersAreNeverStored() {
        String key = newTenant("nostore").adminKey();
        assertEquals("no-store", operator().get("/admin/tenants").header("Cache-Control"));
        assertEquals("no-store", as(key).get("/api/v1/api-keys").header("Cache-Control"));
        Response created = as(key).body(Map.of("name", "k", "role", "MEMBER")).post("/api/v1/api-keys");
        assertEquals(201, created.statusCode());
        assertEquals("no-store", created.header("Cache-Control"), "a new key's secret is never stored");
        Response refused = given().header("X-API-Key", "sr_unknownunknownunknownunknownunknownunknownunknown")
                .get("/api/v1/products/00000000-0000-0000-0000-000000000000");
        assertEquals(401, refused.statusCode());
        assertEquals("no-store", refused.header("Cache-Control"));
        assertVaryOnCredentials(refused);
    }

    @Test
    void everyJsonBodyOfAKibibyteOrMoreIsGzippedInAnyCaseOfTheCodingName() {
        String key = newTenant("gzip-one").adminKey();
        Map<String, Object> big = product("GZ-1", "Large", "1.00", 1, "x");
        big.put("description", "a long description ".repeat(150));
        String id = createProduct(key, big);
        for (String accept : List.of("gzip", "GZIP", "Gzip;q=0.5", "deflate, gzip;q=1.0", "*", "x-gzip")) {
            Response single = as(key).config(RAW).header("Accept-Encoding", accept).get("/api/v1/products/" + id);
            assertEquals("gzip", single.header("Content-Encoding"), "Accept-Encoding: " + accept);
            assertTrue(Integer.parseInt(single.header("Content-Length")) < 1024, "compressed: " + single.header("Content-Length"));
        }
        for (String accept : List.of("identity", "gzip;q=0", "*, gzip;q=0", "br")) {
            Response plain = as(key).config(RAW).header("Accept-Encoding", accept).get("/api/v1/products/" + id);
            assertNull(plain.header("Content-Encoding"), "Accept-Encoding: " + accept);
            assertTrue(Integer.parseInt(plain.header("Content-Length")) > 2_000);
        }
        Response small = as(key).config(RAW).header("Accept-Encoding", "gzip")
                .get("/api/v1/products/00000000-0000-0000-0000-000000000000");
        assertNull(small.header("Content-Encoding"), "a small problem goes as it is");
    }

    @Test
    void noAnswerNamesTheIdentityCoding() {
        String key = newTenant("identity").adminKey();
        String id = createProduct(key, product("ID-1", "Identity", "1.00", 1, "x"));
        RequestSpecification gzip = as(key).config(RAW).header("Accept-Encoding", "gzip");
        List<Response> responses = List.of(
                as(key).config(RAW).header("Accept-Encoding", "gzip").header("If-None-Match", "\"v0\"").get("/api/v1/products/" + id),
                as(key).config(RAW).header("Accept-Encoding", "gzip").head("/api/v1/products/" + id),
                as(key).config(RAW).header("Accept-Encoding", "gzip").options("/api/v1/products/" + id),
                gzip.get("/api/v1/products/" + id),
                as(key).config(RAW).header("Accept-Encoding", "gzip").delete("/api/v1/products/" + id));
        for (Response response : responses) {
            assertNull(response.header("Content-Encoding"), response.statusLine());
        }
    }

    @Test
    void headAnswersTheFieldsGetWould() {
        String key = newTenant("head").adminKey();
        Map<String, Object> big = product("HEAD-1", "Head", "1.00", 1, "x");
        big.put("description", "words ".repeat(400));
        String id = createProduct(key, big);
        // A product (an entity Jackson writes) and a list page (JSON text, cached as it is answered).
        for (String path : List.of("/api/v1/products/" + id, "/api/v1/products", "/api/v1/products?fields=id,name")) {
            for (String accept : List.of("identity", "gzip")) {
                Response get = as(key).config(RAW).header("Accept-Encoding", accept).get(path);
                Response head = as(key).config(RAW).header("Accept-Encoding", accept).head(path);
                for (String field : List.of("Content-Type", "Content-Length", "Content-Encoding", "ETag",
                        "Last-Modified", "Cache-Control", "Vary")) {
                    assertEquals(get.header(field), head.header(field), field + " of " + path + " with Accept-Encoding: "
                            + accept);
                }
                assertEquals("", head.body().asString());
            }
        }
    }

    @Test
    void aDefaultPageGoesInOneWriteWithItsLength() {
        String key = newTenant("whole").adminKey();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> item = product("WHOLE-" + i, "Whole " + i, "1.00", 1, "x");
            item.put("description", "words ".repeat(60));
            createProduct(key, item);
        }
        Response page = as(key).config(RAW).header("Accept-Encoding", "identity").get("/api/v1/products");
        int length = page.asByteArray().length;
        assertTrue(length > 16 * 1024, "a page larger than the framework's default output buffer: " + length);
        assertEquals(String.valueOf(length), page.header("Content-Length"));
        assertNull(page.header("Transfer-Encoding"));
    }

    @Test
    void optionsTellsTheTruthAndA405NamesTheAllowedMethods() {
        String key = newTenant("allow").adminKey();
        String product = createProduct(key, product("ALLOW-1", "Allowed", "1.00", 1, "x"));
        Map<String, Set<String>> documented = new TreeMap<>();
        for (OpenApiDocument.Operation operation : OpenApiDocument.operations()) {
            documented.computeIfAbsent(operation.path(), p -> new TreeSet<>()).add(operation.method());
        }
        List<String> wrong = new ArrayList<>();
        documented.forEach((template, methods) -> {
            String path = template.replace("{id}", template.startsWith("/api/v1/products") ? product
                    : "00000000-0000-0000-0000-000000000000").replaceAll("\\{[^}]+}", "x");
            Set<String> expected = new TreeSet<>(methods);
            if (expected.contains("GET")) {
                expected.add("HEAD");
            }
            expected.add("OPTIONS");
            String credential = template.startsWith("/admin/") ? "Bearer " + Api.OPERATOR_TOKEN : "Bearer " + key;
            Response options = given().header("Authorization", credential).options(path);
            Set<String> allow = allowOf(options);
            if (options.statusCode() >= 300 || !allow.equals(expected)) {
                wrong.add("OPTIONS " + path + ": " + options.statusCode() + " Allow " + allow + ", documented " + expected);
            }
            for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH")) {
                Response answer = invalid().header("Authorization", credential).contentType("application/json").body("{}")
                        .request(method, path);
                boolean refused = answer.statusCode() == 405;
                if (refused == expected.contains(method)) {
                    wrong.add(method + " " + path + ": " + answer.statusCode() + " though OPTIONS says " + allow);
                }
                if (refused && !allowOf(answer).equals(expected)) {
                    wrong.add(method + " " + path + ": 405 with Allow " + allowOf(answer) + ", expected " + expected);
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    private static Set<String> allowOf(Response response) {
        String allow = response.header("Allow");
        Set<String> methods = new TreeSet<>();
        if (allow != null) {
            for (String method : allow.split(",")) {
                if (!method.isBlank()) {
                    methods.add(method.trim());
                }
            }
        }
        return methods;
    }

    private static void assertVaryOnCredentials(Response response) {
        String vary = response.header("Vary");
        assertNotNull(vary, response.statusLine() + " has Vary");
        for (String field : List.of("Authorization", "X-API-Key", "Accept-Encoding")) {
            assertTrue(vary.contains(field), response.statusLine() + " varies on " + field + ": " + vary);
        }
    }

    @Test
    void theBenchmarksBareEndpointIsNotPartOfTheService() {
        // It is built in only with -Dstockroom.bench.bare-endpoint=true (bench/run.sh).
        invalid().get("/bench/bare").then().statusCode(404).contentType("application/problem+json");
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("/bench/bare")));
    }
}
