package dev.stockroom.observability;

import static dev.stockroom.support.Api.as;
import static dev.stockroom.support.Api.createProduct;
import static dev.stockroom.support.Api.product;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.stockroom.support.Api;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(TracingProfile.class)
class TracingTest {

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void aReadIsTracedThroughTheLimiterTheCacheAndTheDatabaseTaggedWithTheTenant() {
        Api.TestTenant tenant = Api.newTenant("traced");
        String id = createProduct(tenant.adminKey(), product("TR-1", "Traced", "1.00", 1, "x"));
        exporter.reset();

        as(tenant.adminKey()).get("/api/v1/products/" + id).then().statusCode(200);

        String tenantId = tenant.id().toString();
        SpanData server = await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/v1/products/"))
                .findFirst().orElse(null), s -> s != null);
        assertEquals(tenantId, server.getAttributes().get(TenantSpanAttribute.TENANT), "server span tagged with the tenant");

        List<SpanData> trace = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getTraceId().equals(server.getTraceId()) && s != server).toList();
        SpanData limiter = named(trace, "ratelimit");
        assertEquals("api", limiter.getAttributes().get(AttributeKey.stringKey("stockroom.ratelimit.policies")));
        assertEquals("allowed", limiter.getAttributes().get(AttributeKey.stringKey("stockroom.ratelimit.outcome")));
        SpanData cache = named(trace, "cache product");
        assertEquals("miss", cache.getAttributes().get(AttributeKey.stringKey("stockroom.cache.result")));
        List<SpanData> statements = trace.stream().filter(s -> s.getKind() == SpanKind.CLIENT
                && "postgresql".equals(s.getAttributes().get(AttributeKey.stringKey("db.system")))).toList();
        assertFalse(statements.isEmpty(), "JDBC statements traced: " + names(trace));
        for (SpanData span : List.of(limiter, cache, statements.get(0))) {
            assertEquals(tenantId, span.getAttributes().get(TenantSpanAttribute.TENANT), span.getName() + " tagged");
        }
        assertTrue(statements.stream().anyMatch(s -> s.getParentSpanId().equals(cache.getSpanId())),
                "the load ran inside the cache span");
    }

    private static SpanData named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + names(spans)));
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }
}
