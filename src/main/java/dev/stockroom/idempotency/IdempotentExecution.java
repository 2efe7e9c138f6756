package dev.stockroom.idempotency;

import java.util.concurrent.Callable;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.stockroom.transaction.TransientDatabaseFailure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.RetryWhen;

/**
 * Runs an idempotent request in a transaction of its own, run again as a whole after a transient failure
 * (deadlock, serialization): the retries that services make of their own transactions cannot happen inside
 * this one, so they happen here.
 */
@ApplicationScoped
class IdempotentExecution {

    @Retry(maxRetries = 5, delay = 10, jitter = 10)
    @RetryWhen(exception = TransientDatabaseFailure.class)
    <T> T inOwnTransaction(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
