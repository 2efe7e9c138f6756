package dev.stockroom.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Test-only: counts the requests Quarkus REST routes, by raw path, so that a test sees which it never saw. */
public class RoutedRequests {

    private static final Map<String, AtomicInteger> BY_PATH = new ConcurrentHashMap<>();

    @ServerRequestFilter(preMatching = true, nonBlocking = true)
    public void count(ContainerRequestContext request) {
        BY_PATH.computeIfAbsent(request.getUriInfo().getRequestUri().getRawPath(), path -> new AtomicInteger())
                .incrementAndGet();
    }

    static int of(String path) {
        AtomicInteger count = BY_PATH.get(path);
        return count == null ? 0 : count.get();
    }
}
