package dev.stockroom.transaction;

import java.sql.SQLException;
import java.util.Set;
import java.util.function.Predicate;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Failures that a fresh attempt of the same transaction can succeed after: serialization failures,
 * deadlocks and lock timeouts (SQLSTATE 40001, 40P01, 55P03), wherever they sit in the cause chain.
 * Services retry them ({@code @RetryWhen}); what is left answers 409 {@code concurrent-update}.
 * <p>
 * Only the owner of a transaction can run it again: a failure inside a transaction that is still open
 * (a service joined one begun further out) is not retried here but by whoever began it.
 */
public class TransientDatabaseFailure implements Predicate<Throwable> {

    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03");

    @Override
    public boolean test(Throwable failure) {
        if (QuarkusTransaction.isActive()) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isTransient(sql)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTransient(SQLException failure) {
        return failure.getSQLState() != null && TRANSIENT_STATES.contains(failure.getSQLState());
    }
}
