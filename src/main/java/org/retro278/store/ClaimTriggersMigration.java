package org.retro278.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.Context;
import org.h2.api.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema version that installs the triggers keeping a table of counts over {@code claim} and fills that table
 * from the claims, in one transaction (on PostgreSQL creating a trigger locks the claims against writers until
 * the end of it, so no move falls between the two). H2 calls a {@link Trigger} class per row; PostgreSQL runs one
 * PL/pgSQL function, {@code <table>_moves}, per insert, update and delete statement over its transition tables
 * ({@code new_claims}, {@code old_claims}).
 */
abstract class ClaimTriggersMigration extends StoreMigration {

    private static final Logger log = LoggerFactory.getLogger(ClaimTriggersMigration.class);

    private final String table;
    private final List<String> postgresql;
    private final String h2;
    private final String fill;

    /**
     * @param onInsert, onDelete, onUpdate the PL/pgSQL statements for each kind of statement on claim
     * @param fill the insert that fills the table from the claims
     */
    ClaimTriggersMigration(String version, String description, String table, Class<? extends Trigger> h2Trigger,
            String onInsert, String onDelete, String onUpdate, String fill) {
        super(version, description);
        this.table = table;
        String function = table + "_moves";
        this.postgresql = List.of(
                "create function " + function + "() returns trigger language plpgsql as $$ begin\n"
                        + " if tg_op = 'INSERT' then " + onInsert + ";\n"
                        + " elsif tg_op = 'DELETE' then " + onDelete + ";\n"
                        + " else " + onUpdate + ";\n end if;\n return null;\nend $$",
                "create trigger " + table + "_inserts after insert on claim referencing new table as new_claims "
                        + "for each statement execute function " + function + "()",
                "create trigger " + table + "_updates after update on claim referencing old table as old_claims new table as new_claims "
                        + "for each statement execute function " + function + "()",
                "create trigger " + table + "_deletes after delete on claim referencing old table as old_claims "
                        + "for each statement execute function " + function + "()");
        this.h2 = "create trigger " + function + " after insert, update, delete on claim for each row call '"
                + h2Trigger.getName() + "'";
        this.fill = fill;
    }

    @Override
    public final void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        String engine = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        List<String> triggers = engine.contains("postgres") ? postgresql : List.of(h2);
        try (Statement s = c.createStatement()) {
            for (String sql : triggers) {
                s.execute(sql);
            }
            s.executeUpdate("delete from " + table);
            int rows = s.executeUpdate(fill);
            log.info("{} filled: {} rows", table, rows);
        }
    }
}
