package dev.stockroom.http;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Tenant data may be kept by the client, never by shared caches, and must be revalidated (ETags make that
 * cheap). The answer depends on the credential and on content negotiation, which {@code Vary} says.
 */
public class TenantDataHeaders {

    static final String CACHE_CONTROL = "private, no-cache";
    static final String VARY = "Authorization, X-API-Key, Accept-Encoding";

    @ServerResponseFilter
    public void addCachingHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        boolean read = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod());
        if (read && request.getUriInfo().getPath().startsWith("/api/") && response.getStatus() < 400) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
            response.getHeaders().putSingle(HttpHeaders.VARY, VARY);
        }
    }
}
