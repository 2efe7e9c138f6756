package dev.stockroom.observability;

import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TracingOffTest {

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    Traced traced;

    @Test
    void withoutAnOtlpEndpointTracingIsOff() throws Exception {
        assertTrue(ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class),
                "the SDK is off (TracingSwitch), so that no HTTP request is instrumented");
        Api.TestTenant tenant = Api.newTenant("untraced");
        String id = createProduct(tenant.adminKey(), product("OFF-1", "Untraced", "1.00", 1, "x"));
        Api.as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200);
        Api.as(tenant.adminKey()).get("/api/v1/whoami").then().statusCode(200);
        assertFalse(traced.call("probe", "a", "1", () -> Span.current().getSpanContext().isValid()),
                "no internal span is built");
        // Tests export every 50 ms when tracing is on (TracingTest): ten times that, and still nothing.
        Thread.sleep(500);
        assertEquals(List.of(), exporter.getFinishedSpanItems());
    }
}
