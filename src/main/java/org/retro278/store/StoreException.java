package org.retro278.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The database refused or failed an operation. The message names the operation and the SQLState; the
 * cause is the driver's exception (the PostgreSQL driver is configured not to put statement parameters
 * or failing rows into its messages, and H2 quotes only identifiers and key values).
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    /** A failure of {@code operation} (words such as "recording claims"). */
    public StoreException(String operation, SQLException cause) {
        super(operation + " failed (SQLState " + cause.getSQLState() + ", error " + cause.getErrorCode() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    /** The five-character SQLState of the failure, or {@code null}. */
    public String sqlState() {
        return sqlState;
    }

    /** Whether the operation failed because the server cannot be reached (stopped, crashed, starting, the network down). */
    public boolean unreachable() {
        return getCause() instanceof SQLException e && StoreOutage.unreachable(e);
    }

    /** The store failure in {@code failure}'s chain, if there is one (a step after an upload that needed the store). */
    public static Optional<StoreException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoreException s) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The failure in PHI-free words for a log line or an interchange's last error: the store, not a partner, failed. */
    public String words() {
        return unreachable() ? "the store cannot be reached (SQLState " + sqlState + ")" : "the store failed: " + getMessage();
    }

    /** Whether a unique constraint refused the operation. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }
}
