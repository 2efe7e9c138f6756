package dev.stockroom.observability;

import java.util.concurrent.Callable;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * Runs work in an internal span; none is built under a span that is not sampled, nor while the SDK is off
 * ({@link TracingSwitch}: no endpoint), where spans would be recorded for nobody.
 */
@ApplicationScoped
public class Traced {

    private final Tracer tracer;
    private final boolean off;

    Traced(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean off) {
        this.tracer = tracer;
        this.off = off;
    }

    /** Runs {@code work} in a span named {@code name} with one {@code attribute}; the work may add more to {@link Span#current()}. */
    public <T> T call(String name, String attribute, String value, Callable<T> work) throws Exception {
        if (off || underUnsampledSpan()) {
            return work.call();
        }
        Span span = tracer.spanBuilder(name).setAttribute(attribute, value).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.call();
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** {@link #call} for work that does not block: the span ends when the Uni {@code work} gives ends. */
    public <T> Uni<T> uni(String name, String attribute, String value, Function<Span, Uni<T>> work) {
        if (off || underUnsampledSpan()) {
            return work.apply(Span.getInvalid());
        }
        Span span = tracer.spanBuilder(name).setAttribute(attribute, value).startSpan();
        Uni<T> started;
        try (Scope ignored = span.makeCurrent()) {
            started = work.apply(span);
        }
        return started.onItemOrFailure().invoke((item, failure) -> {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }

    /**
     * Under a span that is not sampled (every request's, while tracing is off), a child would be dropped as it
     * starts, since sampling follows the parent: building it, making it current and ending it is work for
     * nothing on every request.
     */
    private static boolean underUnsampledSpan() {
        SpanContext parent = Span.current().getSpanContext();
        return parent.isValid() && !parent.isSampled();
    }
}
