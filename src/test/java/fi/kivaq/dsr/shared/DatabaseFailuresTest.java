package fi.kivaq.dsr.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionSystemException;

/** What counts as the database being away (a job keeps its retries, a request gets a 503), and what does not. */
class DatabaseFailuresTest {

    @Test
    void brokenAndUnobtainableConnectionsAreConnectionFailuresHoweverDeepTheyAreWrapped() {
        // what the PostgreSQL driver throws for a socket that ended, as the engine wraps it
        assertThat(DatabaseFailures.isConnectionFailure(new ProcessEngineException(new PersistenceException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006",
                        new EOFException()))))).isTrue();
        // the pool's timeout
        assertThat(DatabaseFailures.isConnectionFailure(new ProcessEngineException(
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        // the rollback of a transaction whose connection the pool closed, hiding the first error
        assertThat(DatabaseFailures.isConnectionFailure(new ProcessEngineException(new TransactionSystemException(
                "JDBC rollback failed", new SQLException("Connection is closed"))))).isTrue();
    }

    @Test
    void failuresOfTheWorkOrOfOtherDependenciesAreNot() {
        assertThat(DatabaseFailures.isConnectionFailure(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseFailures.isConnectionFailure(new ProcessEngineException("no such variable"))).isFalse();
        // the time-stamp authority's socket is not the database's
        assertThat(DatabaseFailures.isConnectionFailure(new IllegalStateException(new SocketException("reset"))))
                .isFalse();
    }
}
