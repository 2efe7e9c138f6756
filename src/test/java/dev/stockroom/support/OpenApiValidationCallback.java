package dev.stockroom.support;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Installs {@link OpenApiValidation} before every {@code @QuarkusTest} method, so that every RestAssured
 * exchange of the suite is checked against the OpenAPI document. A Quarkus callback rather than a JUnit
 * extension: it runs in the class loader of the test, whose RestAssured is the one the test calls.
 * Registered in {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}.
 */
public class OpenApiValidationCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        OpenApiValidation.install();
    }
}
