package org.retro278.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's trigger on {@code claim} (V9, version 9.1): after each inserted, changed or deleted row, the tally of
 * the row's practice, payer, state and overdue flag goes down for the old row and up for the new one, on the
 * connection of the statement, so in its transaction. A change that leaves those four alone (most updates
 * only stamp times) touches no tally row. H2 names this class in the database: keep its name and package.
 */
public final class ClaimTallyTrigger implements Trigger {

    private static final String DUPLICATE_KEY = "23505";

    private int practice;
    private int payer;
    private int state;
    private int overdue;

    /** The key of a claim row in the tally. */
    private record Key(String practiceId, String payerId, String state, boolean overdue) {
    }

    @Override
    public void init(Connection c, String schema, String trigger, String table, boolean before, int type) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        practice = payer = state = overdue = -1;
        try (ResultSet rs = md.getColumns(null, schema, table, null)) {
            while (rs.next()) {
                int at = rs.getInt("ORDINAL_POSITION") - 1;
                switch (rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)) {
                    case "practice_id" -> practice = at;
                    case "payer_id" -> payer = at;
                    case "state" -> state = at;
                    case "overdue" -> overdue = at;
                    default -> { }
                }
            }
        }
        if (practice < 0 || payer < 0 || state < 0 || overdue < 0) {
            throw new SQLException("the claim tally trigger is on a table without practice_id, payer_id, state and overdue");
        }
    }

    @Override
    public void fire(Connection c, Object[] oldRow, Object[] newRow) throws SQLException {
        Key before = oldRow == null ? null : key(oldRow);
        Key after = newRow == null ? null : key(newRow);
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            add(c, before, -1);
        }
        if (after != null) {
            add(c, after, 1);
        }
    }

    private Key key(Object[] row) {
        Object payerId = row[payer];
        return new Key((String) row[practice], payerId == null ? "" : (String) payerId, (String) row[state],
                Boolean.TRUE.equals(row[overdue]));
    }

    /** Adds {@code delta} to the key's count, making its row the first time (or after a racing first insert). */
    private static void add(Connection c, Key k, long delta) throws SQLException {
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
