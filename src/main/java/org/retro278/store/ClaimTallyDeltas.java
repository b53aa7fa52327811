package org.retro278.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The changes H2's count triggers make to {@code claim_tally} ({@link ClaimTallyTrigger}) and to
 * {@code interchange_awaiting} ({@link InterchangeAwaitingTrigger}). Inside a store transaction
 * ({@link Database#transaction}) they are summed per key on the transaction's thread and written at its end, just
 * before the commit, one write per key whose count changed, keys in order: a transaction holds a count row's lock
 * only for the moment of its commit, not from its first claim on. Before, a chunk of intake that inserted thousands
 * of READY claims held its payers' {@code (…, READY)} rows until it committed, and every interchange's SENT (which
 * moves claims out of READY) waited for it (docs/benchmarks.md, "The tally's row locks"). Writes outside a store
 * transaction (an operator's SQL, another process through H2's server) change the counts at once, as before.
 *
 * <p>Nothing in a store transaction reads either table after changing claims (status and the metrics read it in
 * transactions of their own), so summing the changes until the end changes no answer.
 */
final class ClaimTallyDeltas {

    private static final String DUPLICATE_KEY = "23505";

    /** The key of a claim row in the tally. */
    record Key(String practiceId, String payerId, String state, boolean overdue) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::practiceId).thenComparing(Key::payerId)
            .thenComparing(Key::state).thenComparing(Key::overdue);

    /** A store transaction's sums: per tally key, and per interchange of claims SENT. */
    record Sums(Map<Key, Long> tally, Map<Long, Long> awaiting) {
    }

    /** The current store transaction's sums on this thread, or none outside one. */
    private static final ThreadLocal<Sums> PENDING = new ThreadLocal<>();

    private ClaimTallyDeltas() {
    }

    /** Starts summing this thread's changes for a store transaction; returns what to give {@link #end}. */
    static Sums begin() {
        Sums outer = PENDING.get();
        PENDING.set(new Sums(new TreeMap<>(ORDER), new TreeMap<>()));
        return outer;
    }

    /** Writes the sums of this thread's transaction on its connection, keys in order, and starts again from zero. */
    static void flush(Connection c) throws SQLException {
        Sums sums = PENDING.get();
        if (sums == null) {
            return;
        }
        for (Map.Entry<Key, Long> e : sums.tally().entrySet()) {
            if (e.getValue() != 0) {
                write(c, e.getKey(), e.getValue());
            }
        }
        sums.tally().clear();
        for (Map.Entry<Long, Long> e : sums.awaiting().entrySet()) {
            if (e.getValue() != 0) {
                InterchangeAwaitingTrigger.write(c, e.getKey(), e.getValue());
            }
        }
        sums.awaiting().clear();
    }

    /** Ends the transaction's summing (committed, flushed or rolled back), back to {@code outer}'s. */
    static void end(Sums outer) {
        if (outer == null) {
            PENDING.remove();
        } else {
            PENDING.set(outer);
        }
    }

    /** Adds {@code delta} to the key's count: to the transaction's sums, or at once outside a store transaction. */
    static void add(Connection c, Key k, long delta) throws SQLException {
        Sums sums = PENDING.get();
        if (sums != null) {
            sums.tally().merge(k, delta, Long::sum);
        } else {
            write(c, k, delta);
        }
    }

    /**
     * Adds {@code delta} to the claims SENT of an interchange: to the transaction's sums, or at once outside a store
     * transaction; false when it was summed.
     */
    static boolean summed(long interchangeId, long delta) {
        Sums sums = PENDING.get();
        if (sums == null) {
            return false;
        }
        sums.awaiting().merge(interchangeId, delta, Long::sum);
        return true;
    }

    /** Adds {@code delta} to the key's row, making it the first time (or after a racing first insert). */
    private static void write(Connection c, Key k, long delta) throws SQLException {
        if (update(c, k, delta)) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement("insert into claim_tally (practice_id, payer_id, state, overdue, n) "
                + "values (?, ?, ?, ?, ?)")) {
            ins.setString(1, k.practiceId());
            ins.setString(2, k.payerId());
            ins.setString(3, k.state());
            ins.setBoolean(4, k.overdue());
            ins.setLong(5, delta);
            ins.executeUpdate();
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState()) || !update(c, k, delta)) {
                throw e;
            }
        }
    }

    private static boolean update(Connection c, Key k, long delta) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("update claim_tally set n = n + ? where practice_id = ? "
                + "and payer_id = ? and state = ? and overdue = ?")) {
            up.setLong(1, delta);
            up.setString(2, k.practiceId());
            up.setString(3, k.payerId());
            up.setString(4, k.state());
            up.setBoolean(5, k.overdue());
            return up.executeUpdate() == 1;
        }
    }
}
