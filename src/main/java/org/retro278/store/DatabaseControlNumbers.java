package org.retro278.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.retro278.x12.control.ControlNumberKind;
import org.retro278.x12.control.ControlNumbers;
import org.retro278.x12.control.ControlNumbersExhaustedException;

/**
 * Control numbers kept in the store's {@code control_number} table: one row per kind holding the next
 * number to hand out.
 *
 * <p>A reservation is {@code UPDATE control_number SET next_value = next_value + n WHERE kind = ? AND
 * next_value + n <= 1000000000} followed, in the same transaction, by reading the row back. The update
 * takes the row's lock until commit, and both H2 (MVStore, READ COMMITTED) and PostgreSQL apply a waiting
 * update to the row as the lock holder committed it, so two reservations, from threads or processes,
 * never see the same value. This is the portable form of {@code UPDATE ... RETURNING} (H2 spells that
 * differently). Numbers are durable once the transaction commits; a transaction that rolls back hands
 * out nothing, so nobody can have used its numbers.
 *
 * <p>Lock order: whoever takes more than one counter row in one transaction takes them in the order
 * INTERCHANGE, GROUP, TRANSACTION ({@link TransactionStore#reserveInterchange} does), so that two
 * reservations can never wait for each other.
 */
public final class DatabaseControlNumbers implements ControlNumbers {

    private static final String ADVANCE =
            "update control_number set next_value = next_value + ? where kind = ? and next_value + ? <= ?";
    private static final String READ = "select next_value from control_number where kind = ?";

    private final DataSource dataSource;

    /** Control numbers in the database behind {@code dataSource} (migrated by {@link TransactionStore}). */
    public DatabaseControlNumbers(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reserves in a transaction of its own, committed before this returns. */
    @Override
    public long reserve(ControlNumberKind kind, int count) throws IOException {
        return inTransaction("reserve " + kind.element(), c -> reserve(c, kind, count));
    }

    /**
     * Reserves {@code count} consecutive numbers inside the caller's transaction on {@code c} (auto-commit
     * off) and returns the first. They are the caller's only once the caller commits; the counter row
     * stays locked until then.
     *
     * @throws ControlNumbersExhaustedException when the nine-digit space would be exceeded; nothing is
     *                                          reserved, the caller should roll back
     */
    public static long reserve(Connection c, ControlNumberKind kind, int count)
            throws SQLException, ControlNumbersExhaustedException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        int updated;
        try (PreparedStatement up = c.prepareStatement(ADVANCE)) {
            up.setLong(1, count);
            up.setString(2, kind.key());
            up.setLong(3, count);
            up.setLong(4, ControlNumberKind.MAX + 1);
            updated = up.executeUpdate();
        }
        long next = read(c, kind);
        if (updated == 0) {
            throw new ControlNumbersExhaustedException(kind, next, count);
        }
        return next - count;
    }

    /** The next number of each kind, without reserving anything. */
    public Map<ControlNumberKind, Long> peek() throws IOException {
        try (Connection c = dataSource.getConnection()) {
            Map<ControlNumberKind, Long> next = new EnumMap<>(ControlNumberKind.class);
            for (ControlNumberKind k : ControlNumberKind.values()) {
                next.put(k, read(c, k));
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return next;
        } catch (SQLException e) {
            throw new IOException("cannot read control numbers: database error (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Raises the next number of a kind to {@code next} (to continue a sequence another system or the
     * file store used). Never lowers it: a lower or equal value changes nothing.
     *
     * @return whether the counter moved
     */
    public boolean advanceTo(ControlNumberKind kind, long next) throws IOException {
        if (next < 1 || next > ControlNumberKind.MAX + 1) {
            throw new IllegalArgumentException("next must be from 1 to " + (ControlNumberKind.MAX + 1));
        }
        return inTransaction("advance " + kind.element(), c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "update control_number set next_value = ? where kind = ? and next_value < ?")) {
                up.setLong(1, next);
                up.setString(2, kind.key());
                up.setLong(3, next);
                return up.executeUpdate() == 1;
            }
        });
    }

    /** Work on the counters in one transaction. */
    @FunctionalInterface
    private interface CounterWork<T> {
        T run(Connection c) throws SQLException, IOException;
    }

    /**
     * Runs {@code work} in a transaction of its own (auto-commit off for it, restored after), committed
     * before this returns and rolled back on any failure.
     *
     * @param doing what the work does, for the message of a database failure ("reserve ISA13")
     */
    private <T> T inTransaction(String doing, CounterWork<T> work) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IOException("cannot " + doing + " control numbers: database error (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private static long read(Connection c, ControlNumberKind kind) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(READ)) {
            q.setString(1, kind.key());
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("control_number has no row for " + kind.key(), "02000");
                }
                return rs.getLong(1);
            }
        }
    }
}
