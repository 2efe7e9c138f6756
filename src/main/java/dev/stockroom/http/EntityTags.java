package dev.stockroom.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * Conditional requests on versioned resources, through JAX-RS' own precondition evaluation: a strong ETag
 * from the entity version, {@code Last-Modified} from its update time (whole seconds, as HTTP dates are).
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag("v" + version);
    }

    public static Date lastModified(Instant updatedAt) {
        return Date.from(updatedAt.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * For reads: a 304 response when the client's copy is current, otherwise null; 412 when an
     * {@code If-Match} names another version.
     */
    public static <T> RestResponse<T> notModified(Request request, long version, Instant updatedAt) {
        Response.ResponseBuilder outcome;
        try {
            outcome = request.evaluatePreconditions(lastModified(updatedAt), of(version));
        } catch (RuntimeException unparsableDate) {
            // RFC 9110: a date that is not a valid HTTP-date is ignored; the entity tag still counts.
            outcome = request.evaluatePreconditions(of(version));
        }
        if (outcome == null) {
            return null;
        }
        Response response = outcome.tag(of(version)).build();
        if (response.getStatus() == 412) {
            throw preconditionFailed(version);
        }
        RestResponse.ResponseBuilder<T> typed = RestResponse.ResponseBuilder.create(response.getStatus());
        response.getHeaders().forEach((name, values) -> values.forEach(value -> typed.header(name, value)));
        return typed.build();
    }

    /** For writes: 412 {@code precondition-failed} when {@code If-Match} names another version. */
    public static void requireMatch(Request request, long version) {
        Response.ResponseBuilder failed = request.evaluatePreconditions(of(version));
        if (failed != null) {
            throw preconditionFailed(version);
        }
    }

    private static ProblemException preconditionFailed(long version) {
        return Problem.of(412, "precondition-failed")
                .detail("The resource has changed since it was read (current ETag " + of(version) + ")")
                .exception();
    }
}
