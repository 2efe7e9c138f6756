package dev.stockroom.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.smallrye.mutiny.Uni;

class TracedTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final Traced traced = new Traced(SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test"), false);

    @Test
    void workUnderASampledSpanRunsInAChildSpan() throws Exception {
        Span parent = parent(TraceFlags.getSampled());
        try (Scope ignored = parent.makeCurrent()) {
            assertEquals("done", traced.call("call", "a", "1", () -> "done"));
            assertEquals("done", traced.uni("uni", "a", "1", span -> Uni.createFrom().item("done")).await().indefinitely());
        }
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(List.of("call", "uni"), spans.stream().map(SpanData::getName).toList());
        spans.forEach(span -> assertEquals(parent.getSpanContext().getSpanId(), span.getParentSpanId()));
    }

    @Test
    void workUnderAnUnsampledSpanRunsWithoutBuildingOne() throws Exception {
        Span parent = parent(TraceFlags.getDefault());
        try (Scope ignored = parent.makeCurrent()) {
            assertSame(parent, traced.call("call", "a", "1", Span::current));
            assertFalse(traced.uni("uni", "a", "1", span -> Uni.createFrom().item(span.getSpanContext().isValid()))
                    .await().indefinitely());
        }
        assertEquals(List.of(), exported.getFinishedSpanItems());
    }

    @Test
    void withTheSdkOffNoSpanIsBuiltEvenWithoutAParent() throws Exception {
        Traced off = new Traced(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported))
                .build().get("test"), true);
        assertFalse(off.call("call", "a", "1", () -> Span.current().getSpanContext().isValid()));
        assertFalse(off.uni("uni", "a", "1", span -> Uni.createFrom().item(span.getSpanContext().isValid()))
                .await().indefinitely());
        assertEquals(List.of(), exported.getFinishedSpanItems());
    }

    private static Span parent(TraceFlags flags) {
        return Span.wrap(SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", flags,
                TraceState.getDefault()));
    }
}
