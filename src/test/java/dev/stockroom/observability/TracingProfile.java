package dev.stockroom.observability;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** An OTLP endpoint is configured, which turns tracing on; spans are read back from {@link InMemorySpans}. */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:4317");
    }
}
