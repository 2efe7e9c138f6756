package dev.stockroom.cache;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import dev.stockroom.tenancy.TenantContext;

/** A test-only cached method whose loads can be counted, slowed down and held (a singleton: tests set its fields). */
@Singleton
public class ProbeService {

    final AtomicInteger loads = new AtomicInteger();
    volatile String version = "v1";
    volatile long delayMillis;
    volatile CountDownLatch hold;
    volatile CountDownLatch started;

    private final TenantContext tenant;

    ProbeService(TenantContext tenant) {
        this.tenant = tenant;
    }

    @TenantCached(cache = "probe", tags = "probes")
    public String value(String argument) throws InterruptedException {
        String seen = version;
        loads.incrementAndGet();
        if (started != null) {
            started.countDown();
        }
        if (hold != null) {
            hold.await(10, TimeUnit.SECONDS);
        }
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        return tenant.requireTenantId() + "|" + argument + "|" + seen;
    }

    @TenantCached(cache = "probe-caller", scope = TenantCached.Scope.CALLER)
    public String perCaller(String argument) {
        loads.incrementAndGet();
        return tenant.caller().orElseThrow().keyPrefix() + "|" + argument;
    }

    void reset() {
        loads.set(0);
        version = "v1";
        delayMillis = 0;
        hold = null;
        started = null;
    }
}
