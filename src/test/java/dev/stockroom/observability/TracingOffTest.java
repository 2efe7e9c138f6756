package dev.stockroom.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TracingOffTest {

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    Tracer tracer;

    @Test
    void withoutAnOtlpEndpointTracingIsOff() throws InterruptedException {
        assertEquals(Boolean.TRUE, ConfigProvider.getConfig().getValue("quarkus.otel.sdk.disabled", Boolean.class));
        Api.TestTenant tenant = Api.newTenant("untraced");
        Api.as(tenant.adminKey()).get("/api/v1/whoami").then().statusCode(200);
        tracer.spanBuilder("probe").startSpan().end();
        // Tests export every 50 ms when tracing is on (TracingTest): ten times that, and still nothing.
        Thread.sleep(500);
        assertEquals(List.of(), exporter.getFinishedSpanItems());
    }
}
