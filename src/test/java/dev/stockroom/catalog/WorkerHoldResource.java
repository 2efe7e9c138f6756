package dev.stockroom.catalog;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only blocking endpoint that keeps its worker thread until released: fills the worker pool on demand. */
@Singleton
@Path("/test/workers/hold")
public class WorkerHoldResource {

    final AtomicInteger holding = new AtomicInteger();
    volatile CountDownLatch release = new CountDownLatch(0);

    @GET
    public String hold() throws InterruptedException {
        holding.incrementAndGet();
        try {
            return release.await(30, TimeUnit.SECONDS) ? "released" : "timed out";
        } finally {
            holding.decrementAndGet();
        }
    }
}
