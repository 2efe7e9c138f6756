package dev.stockroom.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Answers a declared body over {@code quarkus.http.limits.max-body-size} with a 413 problem body. Quarkus
 * enforces the same limit (and still does for bodies without a length) but answers with an empty body; this
 * route runs first so that clients get the same problem document as for every other error: a {@link Problem},
 * written by the application's ObjectMapper as Quarkus REST writes the others (without {@code instance}).
 */
@ApplicationScoped
public class BodyLimitProblem {

    private final long limit;
    private final String body;

    BodyLimitProblem(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        Problem problem = Problem.of(413, "payload-too-large")
                .detail("The request body is over the limit of " + this.limit + " bytes").build();
        try {
            this.body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the body-limit problem", e);
        }
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String length = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
            if (length != null && exceeds(length)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaderNames.CONNECTION, "close")
                        .end(body);
                return;
            }
            context.next();
        });
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself.
        }
    }
}
