package dev.stockroom.http;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;

import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.stockroom.transaction.TransientDatabaseFailure;
import io.vertx.core.http.HttpClosedException;

/** The problems for failures that no code of ours raised deliberately. */
final class Problems {

    private Problems() {
    }

    static Problem forStatus(int status, WebApplicationException e) {
        return switch (status) {
            case 400 -> Problem.of(400, "bad-request").detail(clientSafe(e)).build();
            case 404 -> Problem.of(404, "not-found").detail("No resource at this path").build();
            case 405 -> Problem.of(405, "method-not-allowed")
                    .detail("This resource does not support that method").build();
            case 406 -> Problem.of(406, "not-acceptable").detail("This resource answers with application/json").build();
            case 413 -> Problem.of(413, "payload-too-large")
                    .detail("The request body is over the configured limit").build();
            case 415 -> Problem.of(415, "unsupported-media-type").detail("Send the body as application/json").build();
            default -> status >= 500
                    ? Problem.of(status, "server-error").build()
                    : Problem.of(status, "http-" + status).detail(clientSafe(e)).build();
        };
    }

    static Problem unreadableJson(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return Problem.of(400, "malformed-json").detail("The body is not well-formed JSON").build();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return invalidBody("Unknown field '" + unknown.getPropertyName() + "'");
        }
        if (e instanceof JsonMappingException mapping && !path(mapping).isEmpty()) {
            return invalidBody("Field '" + path(mapping) + "' has the wrong type or value");
        }
        return invalidBody("The body does not have the expected shape");
    }

    private static Problem invalidBody(String detail) {
        return Problem.of(400, "invalid-body").detail(detail).build();
    }

    static Problem unexpected(Throwable e) {
        for (Throwable cause : causes(e)) {
            if (cause instanceof JsonProcessingException json) {
                return unreadableJson(json);
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                // A versioned write found its row changed or gone since it was read: often only at commit,
                // where the exception sits suppressed inside the transaction's own.
                return Problem.of(409, "concurrent-update")
                        .detail("The resource was changed by another request; read it again and retry").build();
            }
            if (cause instanceof SQLException sql && TransientDatabaseFailure.isTransient(sql)) {
                // A deadlock, a serialization failure or a lock timeout that retries (where a service retries)
                // did not resolve: the request may simply be sent again.
                return Problem.of(409, "concurrent-update")
                        .detail("The request met a concurrent one and was rolled back; retry it").build();
            }
            if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                // A unique constraint caught what a check before the write could not: a concurrent duplicate.
                return Problem.of(409, "conflict")
                        .detail("The request conflicts with an existing resource").build();
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                // SQLSTATE class 22, data exception: a value the database cannot take (a NUL byte, say).
                return Problem.of(400, "invalid-value")
                        .detail("The request holds a value the service cannot store or search for").build();
            }
            if (cause instanceof HttpClosedException) {
                // The client hung up before its body arrived. No one is left to read the answer, and hanging
                // up mid-body must not let a client fill the log with server errors.
                return Problem.of(400, "incomplete-request")
                        .detail("The connection closed before the request body arrived").build();
            }
            if (cause instanceof SQLTransientConnectionException || isConnectionFailure(cause) || isAcquisitionFailure(cause)) {
                return Problem.of(503, "service-unavailable")
                        .detail("The database is not reachable right now; retry shortly").build();
            }
        }
        return Problem.of(500, "server-error").detail("The request could not be completed").build();
    }

    /**
     * The failure, its causes and what they suppressed: a failed commit reports the database's answer only as
     * a suppressed exception of the transaction manager's RollbackException.
     */
    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> found = new ArrayList<>();
        Deque<Throwable> pending = new ArrayDeque<>(List.of(failure));
        while (!pending.isEmpty() && found.size() < 64) {
            Throwable next = pending.poll();
            if (found.stream().noneMatch(seen -> seen == next)) {
                found.add(next);
                if (next.getCause() != null) {
                    pending.add(next.getCause());
                }
                pending.addAll(List.of(next.getSuppressed()));
            }
        }
        return found;
    }

    /** The pool had no usable connection in time: Hibernate reports it only by this message. */
    private static boolean isAcquisitionFailure(Throwable e) {
        return e instanceof JDBCException jdbc && jdbc.getMessage() != null
                && jdbc.getMessage().startsWith("Unable to acquire JDBC Connection");
    }

    private static boolean isConnectionFailure(Throwable e) {
        // SQLSTATE class 08: connection exception; 57P01..03: the server is shutting down or unavailable.
        return e instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"));
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String clientSafe(WebApplicationException e) {
        // Framework messages for 4xx describe the request, not our internals; keep them short.
        String message = e.getMessage();
        return message == null || message.length() > 200 ? null : message;
    }
}
