package dev.stockroom.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.opentelemetry.api.trace.Span;
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
        Api.TestTenant tenant = Api.newTenant("untraced");
        Api.as(tenant.adminKey()).get("/api/v1/whoami").then().statusCode(200);
        Span probe = tracer.spanBuilder("probe").startSpan();
        assertFalse(probe.isRecording(), "spans are dropped as they start");
        probe.end();
        // Tests export every 50 ms when tracing is on (TracingTest): ten times that, and still nothing.
        Thread.sleep(500);
        assertEquals(List.of(), exporter.getFinishedSpanItems());
    }
}
