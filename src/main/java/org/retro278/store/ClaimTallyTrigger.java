package org.retro278.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's trigger on {@code claim} (V9, version 9.1): after each inserted, changed or deleted row, the tally of
 * the row's practice, payer, state and overdue flag goes down for the old row and up for the new one, in the
 * statement's transaction: inside a store transaction summed and written just before its commit
 * ({@link ClaimTallyDeltas}), else at once on the statement's connection. A change that leaves those four alone (most updates
 * only stamp times) touches no tally row. H2 names this class in the database: keep its name and package.
 */
public final class ClaimTallyTrigger implements Trigger {

    private int practice;
    private int payer;
    private int state;
    private int overdue;

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
        ClaimTallyDeltas.Key before = oldRow == null ? null : key(oldRow);
        ClaimTallyDeltas.Key after = newRow == null ? null : key(newRow);
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            ClaimTallyDeltas.add(c, before, -1);
        }
        if (after != null) {
            ClaimTallyDeltas.add(c, after, 1);
        }
    }

    private ClaimTallyDeltas.Key key(Object[] row) {
        Object payerId = row[payer];
        return new ClaimTallyDeltas.Key((String) row[practice], payerId == null ? "" : (String) payerId, (String) row[state],
                Boolean.TRUE.equals(row[overdue]));
    }
}
