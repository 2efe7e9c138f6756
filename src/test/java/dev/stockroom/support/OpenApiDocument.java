package dev.stockroom.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations the running service's OpenAPI document ({@code /q/openapi}) lists, so that tests that must
 * cover every endpoint learn of a new one without being told. The test-only endpoints under {@code /test/}
 * (RateLimitProbeResource, limited per address to a few calls a minute) are not part of the service and are
 * left out.
 */
public final class OpenApiDocument {

    private static final String TEST_ONLY = "/test/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");

    private OpenApiDocument() {
    }

    /** One operation: its method, its path template ({@code /api/v1/products/{id}}), its query parameters. */
    public record Operation(String method, String path, List<String> queryParameters, boolean takesBody) {

        /** "METHOD /path/{param}", as tests name it. */
        public String name() {
            return method + " " + path;
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Operation> operations() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, item) -> {
            if (path.startsWith(TEST_ONLY)) {
                return;
            }
            List<Map<String, Object>> shared = (List<Map<String, Object>>) item.getOrDefault("parameters", List.of());
            item.forEach((method, value) -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                Map<String, Object> operation = (Map<String, Object>) value;
                List<Map<String, Object>> parameters = new ArrayList<>(shared);
                parameters.addAll((List<Map<String, Object>>) operation.getOrDefault("parameters", List.of()));
                List<String> query = parameters.stream().filter(p -> "query".equals(p.get("in")))
                        .map(p -> (String) p.get("name")).sorted().toList();
                operations.add(new Operation(method.toUpperCase(), path, query, operation.containsKey("requestBody")));
            });
        });
        operations.sort(Comparator.comparing(Operation::name));
        return operations;
    }
}
