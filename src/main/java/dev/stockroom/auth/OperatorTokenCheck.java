package dev.stockroom.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Stops a production start whose operator token is short enough to guess: the token opens every tenant's
 * administration, and the per-address failure budget only slows guessing down.
 */
@ApplicationScoped
class OperatorTokenCheck {

    static final int MIN_LENGTH = 32;

    void onStart(@Observes StartupEvent start, OperatorConfig operator) {
        require(operator.token(), LaunchMode.current());
    }

    static void require(String token, LaunchMode mode) {
        if (mode == LaunchMode.NORMAL && token.length() < MIN_LENGTH) {
            throw new IllegalStateException("STOCKROOM_ADMIN_TOKEN (stockroom.admin.token) has " + token.length()
                    + " characters; production needs at least " + MIN_LENGTH
                    + ", e.g. the output of `openssl rand -base64 32`");
        }
    }
}
