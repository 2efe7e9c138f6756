package dev.stockroom.cache;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;

/**
 * Cache figures for Prometheus: {@code cache_gets_total{cache,result,layer}}, {@code cache_load_seconds},
 * {@code cache_stampede_waits_total}, {@code cache_evictions_total{cause}} and {@code cache_degraded}
 * (1 while Redis is not answering). Tenant ids are never labels: their number is unbounded.
 */
@ApplicationScoped
public class CacheMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger degraded = new AtomicInteger();
    private final Counter quotaEvictions;
    // Every lookup counts, near-cache hits included: meters are built once per name and tags, not per call.
    private final Map<String, Counter> gets = new ConcurrentHashMap<>();
    private final Map<String, Timer> loads = new ConcurrentHashMap<>();
    private final Map<String, Counter> stampedeWaits = new ConcurrentHashMap<>();

    CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("cache.degraded", degraded);
        this.quotaEvictions = Counter.builder("cache.evictions").description("Entries evicted to keep a tenant within its quota")
                .tag("cause", "quota").register(registry);
    }

    /** Counts a lookup; its outcome also goes on the current span (the cache span of the lookup). */
    void get(String cache, String result, String layer) {
        Span.current().setAttribute("stockroom.cache.result", result).setAttribute("stockroom.cache.layer", layer);
        gets.computeIfAbsent(cache + '/' + result + '/' + layer, k -> Counter.builder("cache.gets")
                .description("Cache lookups by cache, result and layer")
                .tag("cache", cache).tag("result", result).tag("layer", layer).register(registry)).increment();
    }

    Object load(String cache, Callable<Object> loader) throws Exception {
        Timer timer = loads.computeIfAbsent(cache, c -> Timer.builder("cache.load").description("Time to compute a missing entry")
                .tag("cache", c).publishPercentiles(0.5, 0.99).register(registry));
        Timer.Sample sample = Timer.start(registry);
        try {
            return loader.call();
        } finally {
            sample.stop(timer);
        }
    }

    void stampedeWait(String cache) {
        stampedeWaits.computeIfAbsent(cache, c -> Counter.builder("cache.stampede.waits")
                .description("Misses that waited for another caller's load").tag("cache", c).register(registry)).increment();
    }

    void evictions(long count) {
        if (count > 0) {
            quotaEvictions.increment(count);
        }
    }

    void redisAnswered(boolean answered) {
        degraded.set(answered ? 0 : 1);
    }

    boolean degraded() {
        return degraded.get() == 1;
    }

}
