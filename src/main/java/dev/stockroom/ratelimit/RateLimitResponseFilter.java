package dev.stockroom.ratelimit;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.arc.Arc;

/** Puts the limiter's headers on every limited response, whatever its status. */
public class RateLimitResponseFilter {

    @Inject
    RateLimitOutcome outcome;

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        if (Arc.container().requestContext().isActive()) {
            outcome.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        }
    }
}
