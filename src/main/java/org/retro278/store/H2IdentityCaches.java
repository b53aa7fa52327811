package org.retro278.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 12: on H2, the identity columns that every claim writes keep a larger cache of values; nothing on
 * PostgreSQL.
 *
 * <p>H2 keeps an identity's next values in memory, {@code CACHE} at a time (32 by default), and when they run out it
 * writes the sequence anew in a system session of its own and commits it. With {@code WRITE_DELAY=0} (Database.h2Url)
 * that commit stores every changed page of the database, the open transaction's included, as a new chunk of the file.
 * A claim takes one {@code claim} key and three {@code claim_event} keys from intake to SENT, so a chunk of 5,000 claims
 * stored the database some 470 times before its own commit: a tenth of the adapter's CPU on 10,000 claims and most of
 * the file's growth (docs/benchmarks.md, "H2's identity caches"). With these caches it is a handful per chunk.
 *
 * <p>What it costs: the values of a cache not used when the process dies are skipped (keys stay unique and rising;
 * after a clean close H2 goes on where it stopped). H2's cache is one per database, so keys still rise in the order
 * rows are written, whichever connection writes them; history reads rely on that ({@code claim_event} in key order).
 * PostgreSQL keeps a cache per connection, which would break that order, and its sequences cost no such store: left as
 * they are.
 */
final class H2IdentityCaches extends StoreMigration {

    /** Table and cache size: the tables written per claim or per response; files and interchanges keep H2's default. */
    static final Map<String, Integer> CACHES = Map.of("claim", 1_000, "claim_event", 10_000, "unmatched_response", 1_000);

    H2IdentityCaches() {
        super("12", "identity caches on H2");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        if (!c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")) {
            return;
        }
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, Integer> e : CACHES.entrySet()) {
                s.execute("alter table " + e.getKey() + " alter column id set cache " + e.getValue());
            }
        }
    }
}
