package dev.stockroom.transaction;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.quarkus.logging.Log;

/**
 * Runs side effects outside the database (Redis writes, messages to other instances) once the current
 * transaction commits, never if it rolls back, and at once outside a transaction. The actions of one
 * transaction run in the order they were registered: an invalidation before the reload that follows it.
 */
@ApplicationScoped
public class AfterCommit {

    private static final Object ACTIONS = AfterCommit.class.getName();

    private final TransactionSynchronizationRegistry transactions;

    AfterCommit(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    @SuppressWarnings("unchecked")
    public void run(Runnable action) {
        if (transactions.getTransactionKey() == null) {
            action.run();
            return;
        }
        List<Runnable> actions = (List<Runnable>) transactions.getResource(ACTIONS);
        if (actions == null) {
            List<Runnable> registered = new ArrayList<>();
            transactions.putResource(ACTIONS, registered);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        registered.forEach(AfterCommit::runLogged);
                    }
                }
            });
            actions = registered;
        }
        actions.add(action);
    }

    /** One failing action must not cost the others theirs: the transaction has committed either way. */
    private static void runLogged(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            Log.warnf("An after-commit action failed: %s", e.toString());
        }
    }
}
