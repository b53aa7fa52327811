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
 * H2's trigger on {@code claim} that keeps {@code interchange_awaiting} (V10, version 10.1): a claim that comes
 * into SENT adds one to its interchange's row, one that leaves SENT (or is deleted) takes one away, and the row
 * goes when it falls to zero; in the statement's transaction (inside a store transaction summed per interchange
 * and written just before its commit, {@link ClaimTallyDeltas}). Rows that stay out of SENT,
 * and changes that keep the state and interchange (most updates only stamp times), touch nothing. H2 names this
 * class in the database: keep its name and package.
 */
public final class InterchangeAwaitingTrigger implements Trigger {

    private static final String SENT = ClaimState.SENT.name();
    private static final String DUPLICATE_KEY = "23505";

    private int interchange;
    private int state;

    @Override
    public void init(Connection c, String schema, String trigger, String table, boolean before, int type) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        interchange = state = -1;
        try (ResultSet rs = md.getColumns(null, schema, table, null)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                if (column.equals("interchange_id")) {
                    interchange = rs.getInt("ORDINAL_POSITION") - 1;
                } else if (column.equals("state")) {
                    state = rs.getInt("ORDINAL_POSITION") - 1;
                }
            }
        }
        if (interchange < 0 || state < 0) {
            throw new SQLException("the interchange awaiting trigger is on a table without interchange_id and state");
        }
    }

    @Override
    public void fire(Connection c, Object[] oldRow, Object[] newRow) throws SQLException {
        Long before = awaiting(oldRow);
        Long after = awaiting(newRow);
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && !ClaimTallyDeltas.summed(before, -1)) {
            write(c, before, -1);
        }
        if (after != null && !ClaimTallyDeltas.summed(after, 1)) {
            write(c, after, 1);
        }
    }

    /** The interchange a claim row awaits an answer for: its own while it is SENT, else none. */
    private Long awaiting(Object[] row) {
        if (row == null || !SENT.equals(row[state]) || row[interchange] == null) {
            return null;
        }
        return ((Number) row[interchange]).longValue();
    }

    /**
     * Adds {@code delta} to the interchange's row, making it the first time (once more after a racing first insert),
     * and deletes it when it falls to zero.
     */
    static void write(Connection c, long interchangeId, long delta) throws SQLException {
        try {
            merge(c, interchangeId, delta);
        } catch (SQLException e) {
            if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                throw e;
            }
            merge(c, interchangeId, delta);
        }
        if (delta < 0) {
            try (PreparedStatement del = c.prepareStatement(
                    "delete from interchange_awaiting where interchange_id = ? and n = 0")) {
                del.setLong(1, interchangeId);
                del.executeUpdate();
            }
        }
    }

    private static void merge(Connection c, long interchangeId, long delta) throws SQLException {
        try (PreparedStatement m = c.prepareStatement("merge into interchange_awaiting w using (values (cast(? as bigint), "
                + "cast(? as bigint))) v(interchange_id, d) on w.interchange_id = v.interchange_id "
                + "when matched then update set n = w.n + v.d when not matched then insert (interchange_id, n) "
                + "values (v.interchange_id, v.d)")) {
            m.setLong(1, interchangeId);
            m.setLong(2, delta);
            m.executeUpdate();
        }
    }
}
