package dev.stockroom.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

class OperatorTokenCheckTest {

    @Test
    void productionRefusesAShortToken() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> OperatorTokenCheck.require("x".repeat(31), LaunchMode.NORMAL));
        assertTrue(refused.getMessage().contains("at least 32"), refused.getMessage());
        assertDoesNotThrow(() -> OperatorTokenCheck.require("x".repeat(32), LaunchMode.NORMAL));
        assertDoesNotThrow(() -> OperatorTokenCheck.require("dev-admin-token", LaunchMode.DEVELOPMENT));
    }
}
