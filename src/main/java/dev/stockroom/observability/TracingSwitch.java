package dev.stockroom.observability;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * Turns the OpenTelemetry SDK off ({@code quarkus.otel.sdk.disabled}) while no OTLP endpoint is configured.
 * The sampler alone ({@link TracingSampler}) drops every span, but Quarkus' HTTP server instrumentation still
 * ran on every request to start and end them: about a tenth of a cached read's CPU. Quarkus has no switch for
 * "trace only when an endpoint is set", hence this source. Its ordinal is below application.properties, so an
 * explicit {@code quarkus.otel.sdk.disabled} anywhere wins.
 */
public class TracingSwitch implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean tracing = TracingSampler.endpointConfigured(context::getValue);
        return List.of(new MapBackedConfigSource("stockroom-tracing-switch",
                Map.of("quarkus.otel.sdk.disabled", String.valueOf(!tracing)), 100) {
        });
    }
}
