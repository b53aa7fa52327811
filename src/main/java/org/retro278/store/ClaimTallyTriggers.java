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
 * Schema version 9.1: the triggers that keep {@code claim_tally} (V9) and its first filling, in one transaction
 * (on PostgreSQL creating a trigger locks the claims against writers until the end of it, so no move falls
 * between the two). The
 * triggers differ per engine: H2 calls {@link ClaimTallyTrigger} per row; PostgreSQL runs one PL/pgSQL function
 * per statement over its transition tables, adding each key's net change at once, keys in order (so two
 * transactions take the tally rows they share in the same order).
 */
final class ClaimTallyTriggers extends StoreMigration {

    private static final Logger log = LoggerFactory.getLogger(ClaimTallyTriggers.class);

    private static final String KEY = "practice_id, payer_id, state, overdue";
    /** The rows of a transition table as tally keys with a sign. */
    private static final String ROWS = "select practice_id, coalesce(payer_id, '') as payer_id, state, overdue, %d as d from %s";
    private static final String ADD = "insert into claim_tally (" + KEY + ", n) select " + KEY + ", sum(d) from (%s) x "
            + "group by " + KEY + " having sum(d) <> 0 order by " + KEY
            + " on conflict (" + KEY + ") do update set n = claim_tally.n + excluded.n";

    private static final List<String> POSTGRESQL = List.of(
            "create function claim_tally_moves() returns trigger language plpgsql as $$ begin\n"
                    + " if tg_op = 'INSERT' then " + ADD.formatted(ROWS.formatted(1, "new_claims")) + ";\n"
                    + " elsif tg_op = 'DELETE' then " + ADD.formatted(ROWS.formatted(-1, "old_claims")) + ";\n"
                    + " else " + ADD.formatted(ROWS.formatted(-1, "old_claims") + " union all " + ROWS.formatted(1, "new_claims"))
                    + ";\n end if;\n return null;\nend $$",
            "create trigger claim_tally_inserts after insert on claim referencing new table as new_claims "
                    + "for each statement execute function claim_tally_moves()",
            "create trigger claim_tally_updates after update on claim referencing old table as old_claims new table as new_claims "
                    + "for each statement execute function claim_tally_moves()",
            "create trigger claim_tally_deletes after delete on claim referencing old table as old_claims "
                    + "for each statement execute function claim_tally_moves()");

    private static final List<String> H2 = List.of(
            "create trigger claim_tally_moves after insert, update, delete on claim for each row call '"
                    + ClaimTallyTrigger.class.getName() + "'");

    ClaimTallyTriggers() {
        super("9.1", "claim tally triggers and first filling");
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
            s.executeUpdate("delete from claim_tally");
            int keys = s.executeUpdate("insert into claim_tally (" + KEY + ", n) select practice_id, coalesce(payer_id, ''), "
                    + "state, overdue, count(*) from claim group by practice_id, coalesce(payer_id, ''), state, overdue");
            log.info("claim tally filled: {} keys", keys);
        }
    }
}
