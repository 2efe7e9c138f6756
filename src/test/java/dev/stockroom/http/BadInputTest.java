package dev.stockroom.http;

import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.stockroom.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** Each malformed request, the status it must get, and the problem type that explains it. */
@QuarkusTest
class BadInputTest {

    private static String adminKey;

    static Stream<Arguments> cases() {
        String big = "{\"name\":\"" + "x".repeat(1_100_000) + "\",\"role\":\"ADMIN\"}";
        return Stream.of(
                Arguments.of("unknown path", "key", "GET", "/api/v1/nothing-here", null, null, 404, "not-found"),
                Arguments.of("unknown root path", "none", "GET", "/nothing", null, null, 404, "not-found"),
                Arguments.of("wrong method", "key", "PUT", "/api/v1/api-keys", "application/json", "{}", 405, "method-not-allowed"),
                Arguments.of("wrong media type", "key", "POST", "/api/v1/api-keys", "text/plain", "name=x", 415, "unsupported-media-type"),
                Arguments.of("malformed JSON", "key", "POST", "/api/v1/api-keys", "application/json", "{\"name\": ", 400, "malformed-json"),
                Arguments.of("not an object", "key", "POST", "/api/v1/api-keys", "application/json", "[1,2]", 400, "invalid-body"),
                Arguments.of("empty body", "key", "POST", "/api/v1/api-keys", "application/json", "", 400, "validation-failed"),
                Arguments.of("wrong type", "key", "POST", "/api/v1/api-keys", "application/json", "{\"name\":{},\"role\":\"ADMIN\"}", 400, "invalid-body"),
                Arguments.of("unknown enum", "key", "POST", "/api/v1/api-keys", "application/json", "{\"name\":\"x\",\"role\":\"ROOT\"}", 400, "invalid-body"),
                Arguments.of("unknown field", "key", "POST", "/api/v1/api-keys", "application/json", "{\"name\":\"x\",\"role\":\"ADMIN\",\"admin\":true}", 400, "invalid-body"),
                Arguments.of("missing field", "key", "POST", "/api/v1/api-keys", "application/json", "{\"name\":\"x\"}", 400, "validation-failed"),
                Arguments.of("blank name", "key", "POST", "/api/v1/api-keys", "application/json", "{\"name\":\" \",\"role\":\"ADMIN\"}", 400, "validation-failed"),
                Arguments.of("bad date", "key", "POST", "/api/v1/api-keys", "application/json", "{\"name\":\"x\",\"role\":\"ADMIN\",\"expiresAt\":\"tomorrow\"}", 400, "invalid-body"),
                Arguments.of("body over the limit", "key", "POST", "/api/v1/api-keys", "application/json", big, 413, "payload-too-large"),
                Arguments.of("malformed id", "key", "DELETE", "/api/v1/api-keys/not-a-uuid", null, null, 404, "not-found"),
                Arguments.of("no credentials", "none", "GET", "/api/v1/api-keys", null, null, 401, "unauthorized"),
                Arguments.of("bad slug", "operator", "POST", "/admin/tenants", "application/json", "{\"slug\":\"-bad\",\"name\":\"x\"}", 400, "validation-failed"),
                Arguments.of("slug too long", "operator", "POST", "/admin/tenants", "application/json", "{\"slug\":\"" + "a".repeat(64) + "\",\"name\":\"x\"}", 400, "validation-failed"),
                Arguments.of("unknown plan", "operator", "POST", "/admin/tenants", "application/json", "{\"slug\":\"okslug\",\"name\":\"x\",\"plan\":\"GOLD\"}", 400, "invalid-body"),
                Arguments.of("empty patch", "operator", "PATCH", "/admin/tenants/00000000-0000-0000-0000-000000000001", "application/json", "{}", 400, "validation-failed"),
                Arguments.of("unknown tenant", "operator", "GET", "/admin/tenants/00000000-0000-0000-0000-000000000001", null, null, 404, "not-found"),
                Arguments.of("limit out of range", "operator", "GET", "/admin/tenants?limit=0", null, null, 400, "invalid-parameter"),
                Arguments.of("limit not a number", "operator", "GET", "/admin/tenants?limit=ten", null, null, 400, "invalid-parameter"),
                Arguments.of("bad cursor", "operator", "GET", "/admin/tenants?cursor=not*base64", null, null, 400, "invalid-cursor"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithAProblem(String name, String who, String method, String path, String contentType, String body,
            int status, String type) {
        if (adminKey == null) {
            adminKey = Api.newTenant("badinput").adminKey();
        }
        RequestSpecification request = Api.invalid();
        if (who.equals("key")) {
            request.header("X-API-Key", adminKey);
        } else if (who.equals("operator")) {
            request.auth().oauth2(Api.OPERATOR_TOKEN);
        }
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.body(body);
        }
        request.urlEncodingEnabled(false).request(method, path).then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", endsWith("/" + type))
                .body("title", not(equalTo(null)))
                .body(not(containsString("Exception")));
    }
}
