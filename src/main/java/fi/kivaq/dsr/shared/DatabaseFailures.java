package fi.kivaq.dsr.shared;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database could not be reached or the connection to it broke, as opposed to a
 * failure of the work itself: a connection that could not be had ({@code SQLTransientConnectionException}, Spring's
 * resource failures, no transaction could begin or end), a JDBC exception of SQL state class 08 (connection
 * exception), which is what the PostgreSQL driver reports for an {@code EOFException} or "Broken pipe" on its socket,
 * or a pooled connection the pool closed because it broke. Nothing else: a socket error of another dependency (the
 * time-stamp authority) is that dependency's failure.
 */
public final class DatabaseFailures {

    /**
     * What the pool's connection says when used after the pool closed it under the transaction, which it does when
     * the connection broke (a statement met a connection error): the transaction's later statements and its
     * rollback then fail with this, without an SQL state, and hide the first error.
     */
    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseFailures() {
    }

    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null
                    && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
