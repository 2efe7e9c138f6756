package dev.stockroom.observability;

import java.util.function.Function;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * Keeps tracing off until an OTLP endpoint is configured: without one, every span is dropped when it starts
 * (nothing recorded, nothing exported, no connection attempts). Quarkus samples everything by default and
 * fixes its sampler at build time; a sampler bean is what it consults at run time. With an endpoint, traces
 * follow the caller's sampling decision, and new ones are kept at the ratio of
 * {@code quarkus.otel.traces.sampler.arg} (1.0 unless set).
 */
public class TracingSampler {

    static final String[] ENDPOINTS = { "quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint" };

    @Produces
    @Singleton
    Sampler sampler() {
        Config config = ConfigProvider.getConfig();
        if (!endpointConfigured(config.unwrap(SmallRyeConfig.class))) {
            return Sampler.alwaysOff();
        }
        double ratio = config.getOptionalValue("quarkus.otel.traces.sampler.arg", Double.class).orElse(1.0);
        return Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
    }

    /** Set by a real source, not by the extension's defaults (which sit at the lowest ordinals). */
    static boolean endpointConfigured(SmallRyeConfig config) {
        return endpointConfigured(config::getConfigValue);
    }

    static boolean endpointConfigured(Function<String, ConfigValue> config) {
        for (String name : ENDPOINTS) {
            ConfigValue value = config.apply(name);
            if (value != null && value.getValue() != null && !value.getValue().isBlank()
                    && value.getConfigSourceOrdinal() > 0) {
                return true;
            }
        }
        return false;
    }
}
