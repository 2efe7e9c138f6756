package dev.stockroom.observability;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.annotation.Priority;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;

/**
 * Keeps the OpenTelemetry SDK off until an OTLP endpoint is configured, so that a deployment without a
 * collector neither records spans nor logs failed exports. Setting {@code quarkus.otel.sdk.disabled}
 * explicitly still wins. Quarkus has no such switch: its SDK is on by default and exports to localhost.
 */
@Priority(Priorities.APPLICATION)
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String[] ENDPOINTS = { "quarkus.otel.exporter.otlp.endpoint", "quarkus.otel.exporter.otlp.traces.endpoint" };

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || configured(value)) {
            return value;
        }
        for (String endpoint : ENDPOINTS) {
            if (configured(context.proceed(endpoint))) {
                return value;
            }
        }
        return ConfigValue.builder().withName(name).withValue("true").withConfigSourceName("stockroom tracing switch")
                .withConfigSourceOrdinal(Integer.MIN_VALUE).build();
    }

    /** Lists the switch among the names, so that Quarkus hands it to the SDK's own configuration too. */
    @Override
    public Iterator<String> iterateNames(ConfigSourceInterceptorContext context) {
        Set<String> names = new LinkedHashSet<>();
        context.iterateNames().forEachRemaining(names::add);
        names.add(SDK_DISABLED);
        return names.iterator();
    }

    /** Set by a real source, not by the extension's defaults (which sit at the lowest ordinals). */
    private static boolean configured(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank() && value.getConfigSourceOrdinal() > 0;
    }
}
