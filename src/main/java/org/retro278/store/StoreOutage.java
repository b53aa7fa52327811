package org.retro278.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Says, in one PHI-free line, that the store's server cannot be reached (stopped, crashed, restarting, the network
 * down), once per kind of failure while the outage lasts (the kinds can alternate: each is said once) and again every
 * five minutes, and says when it answers
 * again, with how long it was away. Each operation that failed meanwhile goes to DEBUG only: the work it was part of
 * is tried again by its route (docs/reliability.md, "The store's server stops"). Failures of another kind (a
 * constraint, a deadlock after its retries) are not an outage and are left to the caller.
 */
final class StoreOutage {

    static final Duration REPEAT = Duration.ofMinutes(5);

    /** An outage under way: since when, when each kind of failure was last said, the operations failed so far. */
    private record Down(long sinceNanos, Map<String, Long> saidAtNanos, long failures) {
    }

    private final Logger log;
    private final LongSupplier nanos;
    /** {@code null} while the store answers. */
    private volatile Down down;

    StoreOutage(Logger log, LongSupplier nanos) {
        this.log = log;
        this.nanos = nanos;
    }

    /** Whether {@code e} (or a cause of it) says the server cannot be reached, as opposed to refusing the operation. */
    static boolean unreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true; // the pool had no connection within its timeout
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The kind of an unreachable-store failure, in words an operator can act on. */
    static String kind(SQLException e) {
        String state = e.getSQLState();
        if (state == null && e.getCause() instanceof SQLException c) {
            state = c.getSQLState();
        }
        String words;
        if (e instanceof SQLTransientConnectionException || state == null) {
            words = "no connection to the server could be made";
        } else if (state.equals("57P01")) {
            words = "the server is shutting down";
        } else if (state.equals("57P02")) {
            words = "the server crashed";
        } else if (state.equals("57P03")) {
            words = "the server is starting and not accepting connections yet";
        } else {
            words = "the connection to the server failed";
        }
        return words + (state == null ? "" : " (SQLState " + state + ")");
    }

    /** {@code what} failed because the server cannot be reached: said once per kind of failure, then every five minutes. */
    synchronized void failed(String what, SQLException e) {
        long now = nanos.getAsLong();
        String k = kind(e);
        Down d = down == null ? new Down(now, new HashMap<>(), 0) : down;
        Long saidAt = d.saidAtNanos().get(k);
        boolean say = saidAt == null || now - saidAt >= REPEAT.toNanos();
        if (say) {
            d.saidAtNanos().put(k, now);
        }
        down = new Down(d.sinceNanos(), d.saidAtNanos(), d.failures() + 1);
        if (say) {
            log.warn("the store cannot be reached: {}; what needs it waits and is tried again by its route"
                    + " (each kind said once, and again every 5 minutes)", k);
        }
        log.debug("{}: the store cannot be reached ({})", what, k);
    }

    /** An operation went through: if the store was unreachable, says that it answers again. */
    void answered() {
        if (down == null) {
            return;
        }
        synchronized (this) {
            Down d = down;
            if (d == null) {
                return;
            }
            down = null;
            long seconds = Duration.ofNanos(nanos.getAsLong() - d.sinceNanos()).toSeconds();
            log.info("the store answers again, after {} s unreachable ({} operation(s) failed meanwhile)", seconds, d.failures());
        }
    }
}
