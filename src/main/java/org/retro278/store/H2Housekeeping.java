package org.retro278.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What H2's own background thread would do to the default store's file, and does not: with {@code WRITE_DELAY=0}
 * (Database.h2Url, for exactly-once) H2 runs no background thread, so it never rewrites the chunks of its file that
 * hold little live data. Those chunks stay, and the file grew by some 15 KB per claim for good, with 8 % of it live
 * (docs/benchmarks.md, "The H2 file over time"). Every {@link #EVERY} this rewrites the live pages of the emptiest
 * chunks into new ones (H2's {@code MVStore.compact}, under its store lock, as its housekeeping does), at most
 * {@link #MAX_STEPS} steps of {@link #WRITE_PER_STEP} within {@link #BUDGET} per run, when less than
 * {@link #TARGET_FILL_PERCENT} of the chunks is live; the emptied chunks are dropped and their space reused for new
 * data at a commit once H2's retention time (45 s) has passed.
 *
 * <p>Only for a database this process opened itself (an embedded H2 session); a command that reaches the adapter's
 * store through H2's automatic server leaves it to the adapter. Nothing here reads or logs a row.
 */
final class H2Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

    static final Duration EVERY = Duration.ofSeconds(20);
    static final Duration BUDGET = Duration.ofSeconds(2);
    static final int TARGET_FILL_PERCENT = 50;
    static final int WRITE_PER_STEP = 16 << 20;
    static final int MAX_STEPS = 4;

    private final MVStore store;
    private final ScheduledExecutorService timer;

    private H2Housekeeping(MVStore store, boolean scheduled) {
        this.store = store;
        if (scheduled) {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "retro278-h2-housekeeping");
                t.setDaemon(true);
                return t;
            });
            long ms = EVERY.toMillis();
            timer.scheduleWithFixedDelay(this::runQuietly, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            this.timer = null;
        }
    }

    /**
     * Housekeeping on its own timer for an H2 database this process opened itself; nothing for another engine or an H2
     * database reached through its server. H2's store is found once, through a connection given back at once: the
     * housekeeping holds no connection of the pool.
     */
    static Optional<H2Housekeeping> start(DataSource pool, String jdbcUrl) {
        if (!jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return Optional.empty();
        }
        return embeddedStore(pool).map(s -> new H2Housekeeping(s, true));
    }

    /** For tests: housekeeping that runs only when {@link #run} is called. */
    static H2Housekeeping manual(DataSource pool) {
        return new H2Housekeeping(embeddedStore(pool).orElse(null), false);
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            // the next run tries again; a store that fails is said by the store operations themselves
            log.debug("H2 housekeeping did not run: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * One run: chunks rewritten while their live share is under the target and the budget lasts.
     *
     * @return the live share of the chunks before and after, in per cent (after: before the emptied chunks are dropped,
     *         which a later commit does once H2's retention time has passed); empty when the database is not H2 opened
     *         in this process
     */
    Optional<int[]> run() {
        if (store == null || store.isClosed() || store.getFileStore() == null) {
            return Optional.empty();
        }
        int before = store.getFileStore().getChunksFillRate();
        long stopAt = System.nanoTime() + BUDGET.toNanos();
        int steps = 0;
        // the share rises only once the emptied chunks are dropped (at a commit after the retention time), so the
        // steps are bounded too: at most MAX_STEPS * WRITE_PER_STEP of live pages rewritten per run
        while (before < TARGET_FILL_PERCENT && steps < MAX_STEPS && System.nanoTime() < stopAt
                && store.compact(TARGET_FILL_PERCENT, WRITE_PER_STEP)) {
            steps++;
        }
        if (steps > 0) {
            store.commit(); // the rewritten pages to the file now, as a store transaction's commit would
        }
        int after = store.getFileStore().getChunksFillRate();
        if (steps > 0) {
            log.debug("H2 housekeeping: {} step(s), live share of the chunks {} % -> {} %", steps, before, after);
        }
        return Optional.of(new int[] {before, after});
    }

    /** H2's store behind the pool, or empty when the database is not one this process opened itself. */
    private static Optional<MVStore> embeddedStore(DataSource pool) {
        try (Connection c = pool.getConnection()) {
            try {
                return embeddedStore(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new StoreException("opening the transaction store", e);
        }
    }

    private static Optional<MVStore> embeddedStore(Connection c) throws SQLException {
        if (!c.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        Session session = c.unwrap(JdbcConnection.class).getSession();
        if (!(session instanceof SessionLocal local) || local.getDatabase().getStore() == null) {
            return Optional.empty(); // a remote session (H2's automatic server) or an in-memory database
        }
        return Optional.ofNullable(local.getDatabase().getStore().getMvStore());
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(BUDGET.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
