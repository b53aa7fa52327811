package org.retro278.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 10.1: the triggers that keep {@code interchange_awaiting} (V10) and its first filling, in one
 * transaction, as {@link ClaimTallyTriggers} does for the tally. H2 calls {@link InterchangeAwaitingTrigger} per
 * row; PostgreSQL runs one PL/pgSQL function per statement over its transition tables: each interchange's net
 * change of claims SENT at once, interchanges in order, then the rows that fell to zero go.
 */
final class InterchangeAwaitingTriggers extends StoreMigration {

    private static final Logger log = LoggerFactory.getLogger(InterchangeAwaitingTriggers.class);

    /** The claims SENT of a transition table, each as its interchange with a sign. */
    private static final String ROWS = "select interchange_id, %d as d from %s where state = 'SENT' and interchange_id is not null";
    private static final String ADD = "insert into interchange_awaiting (interchange_id, n) select interchange_id, sum(d) "
            + "from (%s) x group by interchange_id having sum(d) <> 0 order by interchange_id "
            + "on conflict (interchange_id) do update set n = interchange_awaiting.n + excluded.n";
    /** Only a claim leaving SENT brings a row to zero: look at those interchanges alone. */
    private static final String DROP_EMPTY = "delete from interchange_awaiting where n = 0 and interchange_id in "
            + "(select interchange_id from old_claims where state = 'SENT')";

    private static final List<String> POSTGRESQL = List.of(
            "create function interchange_awaiting_moves() returns trigger language plpgsql as $$ begin\n"
                    + " if tg_op = 'INSERT' then " + ADD.formatted(ROWS.formatted(1, "new_claims")) + ";\n"
                    + " elsif tg_op = 'DELETE' then " + ADD.formatted(ROWS.formatted(-1, "old_claims")) + ";\n  "
                    + DROP_EMPTY + ";\n"
                    + " else " + ADD.formatted(ROWS.formatted(-1, "old_claims") + " union all " + ROWS.formatted(1, "new_claims"))
                    + ";\n  " + DROP_EMPTY + ";\n end if;\n return null;\nend $$",
            "create trigger interchange_awaiting_inserts after insert on claim referencing new table as new_claims "
                    + "for each statement execute function interchange_awaiting_moves()",
            "create trigger interchange_awaiting_updates after update on claim referencing old table as old_claims "
                    + "new table as new_claims for each statement execute function interchange_awaiting_moves()",
            "create trigger interchange_awaiting_deletes after delete on claim referencing old table as old_claims "
                    + "for each statement execute function interchange_awaiting_moves()");

    private static final List<String> H2 = List.of(
            "create trigger interchange_awaiting_moves after insert, update, delete on claim for each row call '"
                    + InterchangeAwaitingTrigger.class.getName() + "'");

    InterchangeAwaitingTriggers() {
        super("10.1", "interchange awaiting triggers and first filling");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        String engine = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        List<String> triggers = engine.contains("postgres") ? POSTGRESQL : H2;
        try (Statement s = c.createStatement()) {
            for (String sql : triggers) {
                s.execute(sql);
            }
            s.executeUpdate("delete from interchange_awaiting");
            int rows = s.executeUpdate("insert into interchange_awaiting (interchange_id, n) select interchange_id, count(*) "
                    + "from claim where state = 'SENT' and interchange_id is not null group by interchange_id");
            log.info("interchanges awaiting filled: {} interchanges", rows);
        }
    }
}
