package org.retro278.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.h2.api.Trigger;

/**
 * Counts the rows the store writes (inserted, updated or deleted), per table, inside the database: a test-only table
 * {@code row_writes} kept by triggers on the store's tables, in the transaction of each write, so a write rolled back
 * is not counted. H2 calls {@link Counter} for each row; PostgreSQL runs one statement trigger over its transition
 * tables. Rows the store's own triggers write (the tallies) are counted too.
 */
final class RowWrites {

    /** The tables a claim's way from intake to SENT writes. */
    static final List<String> TABLES = List.of("received_file", "claim", "claim_request", "claim_event", "claim_tally",
            "interchange", "interchange_awaiting", "control_number");

    private RowWrites() {
    }

    /** Installs the counting triggers on {@link #TABLES}. */
    static void install(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("create table row_writes (table_name varchar(64) primary key, n bigint not null)");
            for (String t : TABLES) {
                s.execute("insert into row_writes (table_name, n) values ('" + t + "', 0)");
            }
            if (db.engine == TestDatabase.Engine.H2) {
                for (String t : TABLES) {
                    s.execute("create trigger " + t + "_row_writes after insert, update, delete on " + t + " for each row call '"
                            + Counter.class.getName() + "'");
                }
                return;
            }
            for (String op : List.of("insert", "update", "delete")) {
                String rows = op.equals("delete") ? "old_rows" : "new_rows";
                s.execute("create function row_writes_" + op + "() returns trigger language plpgsql as $$ begin "
                        + "update row_writes set n = n + (select count(*) from " + rows + ") where table_name = tg_table_name; "
                        + "return null; end $$");
                for (String t : TABLES) {
                    s.execute("create trigger " + t + "_row_writes_" + op + " after " + op + " on " + t + " referencing "
                            + (op.equals("delete") ? "old" : "new") + " table as " + rows
                            + " for each statement execute function row_writes_" + op + "()");
                }
            }
        }
    }

    /** The rows written so far, per table. */
    static Map<String, Long> counts(TestDatabase db) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select table_name, n from row_writes")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** H2's row trigger: one more write of its table. */
    public static final class Counter implements Trigger {
        private String table;

        @Override
        public void init(Connection c, String schema, String trigger, String table, boolean before, int type) {
            this.table = table.toLowerCase(Locale.ROOT);
        }

        @Override
        public void fire(Connection c, Object[] oldRow, Object[] newRow) throws SQLException {
            try (PreparedStatement up = c.prepareStatement("update row_writes set n = n + 1 where table_name = ?")) {
                up.setString(1, table);
                up.executeUpdate();
            }
        }
    }
}
