package dev.stockroom.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * What every operation of the API shares, added to the OpenAPI document in one place (the resources document
 * what is their own): the security requirement (tenant endpoints take an API key as a bearer token or in
 * {@code X-API-Key}, operator endpoints the operator token as a bearer token), the problems any request can
 * meet (401, 403, 406, 414, 429, 503; and 400, 413, 415 for a body), and the rate-limit headers on every answer
 * given after the limiter admitted the request. Fails the build when an operation lacks an operationId or a
 * summary, which generated clients and the docs need.
 */
public class OpenApiContract implements OASFilter {

    private static final String TENANT_API = "/api/";
    private static final String OPERATOR_API = "/admin/";

    /** Problems answered before the resource method runs, so before the limiter adds its headers. */
    private static final Set<String> BEFORE_ADMISSION = Set.of("401", "403", "406", "413", "414", "415", "503");

    /** The shared responses (META-INF/openapi.yaml) by status. */
    private static final Map<String, String> SHARED = Map.ofEntries(Map.entry("304", "NotModified"),
            Map.entry("400", "BadRequest"), Map.entry("401", "Unauthorized"), Map.entry("403", "Forbidden"),
            Map.entry("404", "NotFound"), Map.entry("406", "NotAcceptable"), Map.entry("409", "Conflict"),
            Map.entry("412", "PreconditionFailed"), Map.entry("413", "ContentTooLarge"), Map.entry("414", "UriTooLong"),
            Map.entry("415", "UnsupportedMediaType"), Map.entry("422", "UnprocessableContent"),
            Map.entry("429", "TooManyRequests"), Map.entry("503", "ServiceUnavailable"));

    private static final List<String> EVERY_OPERATION = List.of("401", "403", "406", "414", "429", "503");
    private static final List<String> WITH_A_BODY = List.of("400", "413", "415");
    private static final List<String> RATE_LIMIT_HEADERS = List.of("RateLimit", "RateLimit-Policy",
            "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            boolean operator = path.startsWith(OPERATOR_API);
            if (!operator && !path.startsWith(TENANT_API)) {
                return;
            }
            item.getOperations().forEach((method, operation) -> complete(method, path, operation, operator));
        });
        openAPI.getComponents().getResponses().forEach((name, response) -> SHARED.forEach((status, shared) -> {
            if (shared.equals(name) && !BEFORE_ADMISSION.contains(status)) {
                addRateLimitHeaders(response);
            }
        }));
    }

    private static void complete(PathItem.HttpMethod method, String path, Operation operation, boolean operator) {
        if (operation.getOperationId() == null || operation.getSummary() == null) {
            throw new IllegalStateException(method + " " + path + " needs @Operation(operationId, summary)");
        }
        operation.setSecurity(operator ? List.of(requirement("bearer"))
                : List.of(requirement("bearer"), requirement("apiKey")));
        APIResponses responses = operation.getResponses();
        EVERY_OPERATION.forEach(status -> addShared(responses, status));
        if (operation.getRequestBody() != null) {
            WITH_A_BODY.forEach(status -> addShared(responses, status));
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (response.getRef() == null && !BEFORE_ADMISSION.contains(status)) {
                addRateLimitHeaders(response);
            }
        });
        // Numeric order reads better than the order of annotations and additions.
        Map<String, APIResponse> sorted = new LinkedHashMap<>();
        responses.getAPIResponses().keySet().stream().sorted()
                .forEach(status -> sorted.put(status, responses.getAPIResponse(status)));
        responses.setAPIResponses(sorted);
    }

    private static void addShared(APIResponses responses, String status) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(SHARED.get(status)));
        }
    }

    private static void addRateLimitHeaders(APIResponse response) {
        for (String name : RATE_LIMIT_HEADERS) {
            if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
                Header header = OASFactory.createHeader().ref(name);
                response.addHeader(name, header);
            }
        }
    }

    private static SecurityRequirement requirement(String scheme) {
        return OASFactory.createSecurityRequirement().addScheme(scheme);
    }
}
