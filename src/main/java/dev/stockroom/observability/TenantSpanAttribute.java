package dev.stockroom.observability;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Tags every span of a request with its tenant: the server span gets the attribute once the caller is known
 * ({@link #tag}), and each span started under it (cache, limiter, JDBC statements) copies it from its
 * parent, so a trace can be searched by tenant whichever layer it was slow in.
 */
@ApplicationScoped
public class TenantSpanAttribute implements SpanProcessor {

    public static final AttributeKey<String> TENANT = AttributeKey.stringKey("stockroom.tenant.id");

    /** Tags the current span (the request's server span when called from a request filter). */
    public static void tag(String tenantId) {
        Span.current().setAttribute(TENANT, tenantId);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (Span.fromContext(parentContext) instanceof ReadableSpan parent) {
            String tenant = parent.getAttribute(TENANT);
            if (tenant != null) {
                span.setAttribute(TENANT, tenant);
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
