package dev.stockroom.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;

import org.hibernate.exception.GenericJDBCException;
import org.junit.jupiter.api.Test;

import jakarta.transaction.RollbackException;

class ProblemsTest {

    @Test
    void aCommitLostWithItsConnectionIsUnavailableNotAServerError() {
        RollbackException commit = new RollbackException("Could not commit transaction");
        commit.addSuppressed(new SQLException("terminating connection due to administrator command", "57P01"));
        assertEquals(503, Problems.unexpected(new IllegalStateException(commit)).status());
    }

    @Test
    void anExhaustedPoolIsUnavailable() {
        var acquisition = new GenericJDBCException("Unable to acquire JDBC Connection [Sorry, acquisition timeout!]",
                new SQLException("Sorry, acquisition timeout!"));
        assertEquals(503, Problems.unexpected(acquisition).status());
    }

    @Test
    void anythingElseIsAServerError() {
        assertEquals(500, Problems.unexpected(new IllegalStateException("bug")).status());
    }

    @Test
    void aCauseChainThatLoopsEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.addSuppressed(second);
        assertEquals(500, Problems.unexpected(first).status());
    }
}
