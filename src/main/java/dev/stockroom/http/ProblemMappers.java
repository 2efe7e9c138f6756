package dev.stockroom.http;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;

/**
 * Where exceptions become RFC 9457 problem responses, every one through {@link #respond}: the problems built
 * by {@link Problem#of} and thrown as {@link ProblemException}, and those of framework and library
 * exceptions ({@link Problems}). Authentication failures are mapped by the auth package, which counts them
 * against the client address, and answered through {@link #respond} too. No stack trace ever reaches a body.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.problem(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> Map.of("field", field(v), "message", v.getMessage()))
                .toList();
        Problem problem = Problem.of(400, "validation-failed")
                .detail("The request has invalid fields")
                .with("errors", errors)
                .build();
        return respond(problem, uri).build();
    }

    // Listed one by one: Quarkus REST ships mappers for the Jackson subtypes, and the closest type wins.
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class, ValueInstantiationException.class })
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(Problems.unreadableJson(e), uri).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        Problem problem = Problem.of(403, "forbidden").detail("The credentials do not allow this operation").build();
        return respond(problem, uri).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "Request to %s failed", uri.getRequestUri().getRawPath());
        }
        Response.ResponseBuilder response = respond(Problems.forStatus(status, e), uri);
        if (e instanceof NotAllowedException) {
            response.header(HttpHeaders.ALLOW, String.join(", ", e.getResponse().getAllowedMethods()));
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Problem problem = Problems.unexpected(e);
        if (problem.status() >= 500 && problem.status() != 503) {
            Log.errorf(e, "Request to %s failed", uri.getRequestUri().getRawPath());
        } else if (problem.status() == 503) {
            Log.warnf("Request to %s failed: %s", uri.getRequestUri().getRawPath(), e.toString());
        } else {
            // A client error the API documents (a lost race: 409 concurrent-update); the client is told.
            Log.debugf("Request to %s answered %d: %s", uri.getRequestUri().getRawPath(), problem.status(), e.toString());
        }
        return respond(problem, uri).build();
    }

    public static Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(Problem.instance(uri.getRequestUri().getRawPath())));
    }

    private static String field(ConstraintViolation<?> violation) {
        // "create.request.slug" -> "slug": clients know fields, not Java method names.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", List.of(parts).subList(2, parts.length)) : parts[parts.length - 1];
    }
}
