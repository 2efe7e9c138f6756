package dev.stockroom.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

import io.netty.handler.codec.DateFormatter;

/**
 * Validators of versioned resources, and their preconditions ({@link Preconditions}) for resources: a strong
 * ETag from the entity version, {@code Last-Modified} from its update time (whole seconds, as HTTP dates are).
 */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * Sets the validators, {@code ETag} and {@code Last-Modified}, as text: JAX-RS' header delegates would
     * format the date with a new {@code SimpleDateFormat} on every response.
     */
    public static <T> RestResponse.ResponseBuilder<T> withValidators(RestResponse.ResponseBuilder<T> response, long version,
            Instant updatedAt) {
        return response.header(HttpHeaders.ETAG, quoted(version)).header(HttpHeaders.LAST_MODIFIED,
                DateFormatter.format(Date.from(updatedAt.truncatedTo(ChronoUnit.SECONDS))));
    }

    /**
     * For reads (GET, and HEAD through it): a 304 response with the validators when the client's copy is
     * current, otherwise null; 412 {@code precondition-failed} when {@code If-Match} or
     * {@code If-Unmodified-Since} fails.
     */
    public static <T> RestResponse<T> notModified(HttpHeaders request, long version, Instant updatedAt) {
        return switch (Preconditions.evaluate(field(request), true, quoted(version), updatedAt)) {
            case PROCEED -> null;
            case NOT_MODIFIED -> withValidators(RestResponse.ResponseBuilder.<T> create(RestResponse.Status.NOT_MODIFIED),
                    version, updatedAt).build();
            case FAILED -> throw preconditionFailed(version);
        };
    }

    /** For writes: 412 {@code precondition-failed} when a precondition of the request fails. */
    public static void requireMatch(HttpHeaders request, long version, Instant updatedAt) {
        if (Preconditions.evaluate(field(request), false, quoted(version), updatedAt) != Preconditions.Outcome.PROCEED) {
            throw preconditionFailed(version);
        }
    }

    private static Function<String, String> field(HttpHeaders request) {
        return name -> {
            List<String> values = request.getRequestHeader(name);
            return values == null || values.isEmpty() ? null : String.join(", ", values);
        };
    }

    private static String quoted(long version) {
        return "\"v" + version + "\"";
    }

    private static ProblemException preconditionFailed(long version) {
        return Problem.of(412, "precondition-failed")
                .detail("The resource has changed since it was read (current ETag " + quoted(version) + ")")
                .exception();
    }
}
