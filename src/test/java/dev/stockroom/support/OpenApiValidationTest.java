package dev.stockroom.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The validating filter bites: exchanges the document does not describe are reported, so that the suite
 * passing means the document holds for every exchange it makes.
 */
@QuarkusTest
class OpenApiValidationTest {

    private static final String PRODUCT = "/api/v1/products/01890a5d-ac96-774b-bcce-b302099a8057";
    private static final String PROBLEM = "application/problem+json";

    private final OpenApiInteractionValidator validator = OpenApiValidation
            .validator(URI.create(RestAssured.baseURI + ":" + RestAssured.port));

    @Test
    void anUndocumentedStatusIsReported() {
        assertEquals(List.of("validation.response.status.unknown"),
                keys(read(), SimpleResponse.Builder.status(418).build(), true));
    }

    @Test
    void aBodyOffItsSchemaIsReported() {
        SimpleResponse wrongType = SimpleResponse.Builder.ok().withContentType("application/json")
                .withBody("{\"id\": 42, \"price\": \"cheap\"}").build();
        assertTrue(keys(read(), wrongType, true).contains("validation.response.body.schema.type"));
        SimpleResponse unknownProblem = SimpleResponse.Builder.status(404).withContentType(PROBLEM)
                .withBody("{\"type\": \"https://stockroom.dev/problems/no-such-type\", \"title\": \"Not Found\", "
                        + "\"status\": 404}")
                .build();
        assertTrue(keys(read(), unknownProblem, true).contains("validation.response.body.schema.enum"));
        SimpleResponse wrongMediaType = SimpleResponse.Builder.status(404).withContentType("text/html")
                .withBody("<h1>Not Found</h1>").build();
        assertTrue(keys(read(), wrongMediaType, true).contains("validation.response.contentType.notAllowed"));
    }

    @Test
    void aDeliberatelyInvalidRequestHasOnlyItsResponseChecked() {
        Request invalid = SimpleRequest.Builder.get(PRODUCT.replace("01890a5d", "not-a-uuid"))
                .withHeader("X-API-Key", "sr_x").build();
        SimpleResponse notFound = SimpleResponse.Builder.status(404).withContentType(PROBLEM)
                .withBody("{\"type\": \"https://stockroom.dev/problems/not-found\", \"title\": \"Not Found\", "
                        + "\"status\": 404}")
                .build();
        assertTrue(keys(invalid, notFound, true).stream().anyMatch(key -> key.startsWith("validation.request.")));
        assertEquals(List.of(), keys(invalid, notFound, false));
        assertEquals(List.of("validation.response.status.unknown"),
                keys(invalid, SimpleResponse.Builder.status(418).build(), false));
    }

    private static Request read() {
        return SimpleRequest.Builder.get(PRODUCT).withHeader("X-API-Key", "sr_x").build();
    }

    private List<String> keys(Request request, SimpleResponse response, boolean checkRequest) {
        return OpenApiValidation.mismatches(validator, request, response, checkRequest).stream()
                .map(ValidationReport.Message::getKey).distinct().toList();
    }
}
