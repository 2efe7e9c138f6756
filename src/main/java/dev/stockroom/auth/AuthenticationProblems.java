package dev.stockroom.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.stockroom.http.Problem;
import dev.stockroom.http.ProblemException;
import dev.stockroom.http.ProblemMappers;
import dev.stockroom.ratelimit.AuthFailureThrottle;
import dev.stockroom.ratelimit.ClientAddress;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;

/**
 * 401 with a challenge for missing or bad credentials. Bad credentials also count against the client
 * address; past its limit the answer is 429 instead.
 */
public class AuthenticationProblems {

    @Inject
    AuthFailureThrottle throttle;

    @Inject
    CurrentVertxRequest request;

    @ServerExceptionMapper
    public Uni<Response> failed(AuthenticationFailedException e, UriInfo uri) {
        return throttle.recordFailure(ClientAddress.of(request.getCurrent())).map(throttled -> {
            if (throttled == null) {
                return unauthorized(uri);
            }
            Response.ResponseBuilder response = ProblemMappers.respond(throttled.problem(), uri);
            throttled.headers().forEach(response::header);
            return response.build();
        });
    }

    @ServerExceptionMapper
    public Response missing(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    private static Response unauthorized(UriInfo uri) {
        Problem problem = Problem.of(401, "unauthorized")
                .detail("A valid API key is required: Authorization: Bearer <key> or X-API-Key: <key>").build();
        return ProblemMappers.respond(problem, uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, ApiKeyAuthenticationMechanism.CHALLENGE).build();
    }
}
