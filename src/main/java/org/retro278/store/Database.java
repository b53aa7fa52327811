package org.retro278.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.retro278.io.SecureFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's database: the HikariCP pool, the Flyway migrations applied when it opens, the clock that
 * stamps every row, the retrying transaction every store operation runs in, and the row mappers of the
 * tables the rooms share. The rooms of the store ({@link ReceivedFiles}, {@link ClaimLedger},
 * {@link InterchangeLedger}, {@link ResponseTransaction}) talk to the database only through it.
 */
final class Database implements AutoCloseable {

    /** Every room of the store logs as the store, so log settings and lines stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(TransactionStore.class);

    static final String CLAIM_COLUMNS = "id, file_id, practice_id, practice_claim_id, payer_id, state, overdue, "
            + "file_rows, earliest_service_date, latest_service_date, trace_number, bht03, st02, gs06, isa13, "
            + "interchange_id, attempt, reasons_json, received_at, updated_at, ready_at, sent_at, acknowledged_at, "
            + "decided_at, authorization_number, decision_code, admin_reference";
    static final String FILE_COLUMNS = "id, practice_id, file_name, size_bytes, sha256, received_at, outcome, "
            + "refusal_reason, duplicate_of, claim_count, finished_at";
    static final String INTERCHANGE_COLUMNS = "id, payer_id, isa13, gs06, file_name, state, envelope_time, "
            + "transaction_count, sha256, size_bytes, created_at, sent_at, attempts, last_attempt_at, last_error";

    /** The H2 settings that make it read and sort like PostgreSQL, so one schema and one SQL fit both. */
    static final String H2_COMPATIBILITY = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private static final int MAX_ATTEMPTS = 5;
    private static final int POOL_SIZE = 8;

    private final HikariDataSource pool;
    /** On H2: the file's chunk housekeeping that H2 itself does not run with {@code WRITE_DELAY=0}; else null. */
    private volatile H2Housekeeping housekeeping;
    private final Clock clock;
    /** Transactions committed through {@link #transaction}: what the store costs in durable commits. */
    private final LongAdder commits = new LongAdder();
    /** Raised after every commit that made claims READY in this process: the submission's hand-off (docs/store.md). */
    private final AtomicLong readyChanges = new AtomicLong();
    private final ThreadLocal<Boolean> readyInTransaction = new ThreadLocal<>();
    private final StoreOutage outage = new StoreOutage(log, System::nanoTime);
    final RequestJson requestJson = new RequestJson();
    final ColumnJson json = new ColumnJson();

    private Database(HikariDataSource pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * The JDBC URL of the default store: an H2 database {@code db/retro278} under the work directory,
     * in PostgreSQL compatibility, in automatic mixed mode ({@code AUTO_SERVER=TRUE}) so that a second
     * process on this host (a CLI command next to the running adapter) can share it safely.
     *
     * <p>{@code WRITE_DELAY=0}: H2 writes each commit to its file when the commit returns. With H2's default
     * (500 ms) a process that dies (kill -9, OOM kill, halt) loses the commits of its last half second, which
     * breaks exactly-once: a reservation or a SENT recorded for a file already at the payer's gateway would
     * be forgotten (CrashRecoveryIT, docs/reliability.md). H2 does not force commits to the disk itself, so
     * an operating-system crash or power loss can still lose them: use PostgreSQL where that matters.
     * {@code TRACE_LEVEL_FILE=0}: no {@code .trace.db} file (H2 writes failing statements' values there).
     */
    static String h2Url(Path workDir) {
        Path base = workDir.toAbsolutePath().resolve("db").resolve("retro278");
        return "jdbc:h2:file:" + base + ";" + H2_COMPATIBILITY + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
    }

    /**
     * Opens the default store under the work directory, creating its folder owner-only (the database files hold PHI),
     * as H2's default user {@code sa} with the password given (may be empty).
     */
    static Database openH2(Path workDir, String password, Clock clock) throws IOException {
        Path dir = SecureFiles.createPrivateDirectories(workDir.toAbsolutePath().resolve("db"));
        Database db = open(h2Url(workDir), "sa", password, clock);
        SecureFiles.restrictTree(dir); // H2 creates its files with the umask: database and lock file owner-only
        return db;
    }

    /** Opens the pool at a JDBC URL and brings the schema up to date with Flyway; see {@link TransactionStore#open}. */
    static Database open(String jdbcUrl, String user, String password, Clock clock) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        HikariConfig cfg = new HikariConfig();
        cfg.setPoolName("retro278-store");
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        cfg.setPassword(password == null ? "" : password);
        cfg.setAutoCommit(false);
        cfg.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        cfg.setMaximumPoolSize(POOL_SIZE);
        cfg.setMinimumIdle(1);
        if (lower.startsWith("jdbc:postgresql:")) {
            // keep statement parameters and failing rows (PHI) out of exception messages, batches included
            cfg.addDataSourceProperty("logServerErrorDetail", "false");
            cfg.addDataSourceProperty("ApplicationName", "retro278");
        } else if (lower.startsWith("jdbc:h2:")) {
            if (!lower.contains("lock_timeout")) {
                // H2 waits 1 s for a row lock by default; a busy reservation may hold one longer
                cfg.setConnectionInitSql("SET LOCK_TIMEOUT 10000");
            }
            if (lower.contains("auto_server=true") && System.getProperty("h2.bindAddress") == null) {
                // the automatic mixed mode's TCP server would listen on every interface; other processes
                // sharing the file are on this host, so loopback is enough
                System.setProperty("h2.bindAddress", "127.0.0.1");
            }
        }
        HikariDataSource pool = new HikariDataSource(cfg);
        try {
            Flyway.configure(TransactionStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .javaMigrations(new ClaimIdentityBackfill(), new ClaimTallyTriggers(), new InterchangeAwaitingTriggers(),
                            new H2IdentityCaches())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            Database db = new Database(pool, clock);
            db.logReady();
            db.housekeeping = H2Housekeeping.start(pool, jdbcUrl).orElse(null);
            return db;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private void logReady() {
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            log.info("transaction store ready on {} {}", md.getDatabaseProductName(), md.getDatabaseProductVersion());
            c.rollback();
        } catch (SQLException e) {
            throw new StoreException("opening the transaction store", e);
        }
    }

    /** The pool, for the control numbers kept in the same database. */
    DataSource dataSource() {
        return pool;
    }

    /** Closes the pool. Further calls fail. */
    @Override
    public void close() {
        if (housekeeping != null) {
            housekeeping.close();
        }
        pool.close();
    }

    /** The store's clock, as the time stamps it writes (UTC, microseconds: what both engines keep). */
    OffsetDateTime now() {
        return Sql.utc(clock.instant()).truncatedTo(ChronoUnit.MICROS);
    }

    /** A SHA-256 as the store keeps it: 64 lower-case hex digits. */
    static String normalizeSha256(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        String h = sha256.toLowerCase(Locale.ROOT);
        if (h.length() != 64 || !h.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new IllegalArgumentException("a SHA-256 is 64 hex digits");
        }
        return h;
    }

    // ---------------------------------------------------------------------------------- transactions

    /** Work done in one transaction on one connection. */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    /**
     * Runs {@code work} in a transaction: commit on return, roll back on any exception. A transaction
     * that fails on a deadlock, a serialization conflict or a lock timeout is run again (up to
     * {@value #MAX_ATTEMPTS} times); other database failures become a {@link StoreException}, and one that says the
     * server cannot be reached is said once per outage by {@link StoreOutage}.
     */
    <T, X extends Exception> T transaction(String what, Work<T, X> work) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = once(work);
                outage.answered();
                return result;
            } catch (SQLException e) {
                if (StoreOutage.unreachable(e)) {
                    outage.failed(what, e);
                } else if (attempt < MAX_ATTEMPTS && isTransient(e)) {
                    log.debug("{}: transient failure (SQLState {}), attempt {} of {}", what, e.getSQLState(), attempt,
                            MAX_ATTEMPTS);
                    pause(attempt);
                    continue;
                }
                throw new StoreException(what, e);
            }
        }
    }

    private <T, X extends Exception> T once(Work<T, X> work) throws SQLException, X {
        try (Connection c = pool.getConnection()) {
            readyInTransaction.remove();
            ClaimTallyDeltas.Sums outerTally = ClaimTallyDeltas.begin();
            try {
                T result = work.run(c);
                ClaimTallyDeltas.flush(c); // the tally rows last, so that their locks are held only for the commit
                c.commit();
                commits.increment();
                if (readyInTransaction.get() != null) {
                    readyInTransaction.remove();
                    readyChanges.incrementAndGet();
                }
                return result;
            } catch (Throwable e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                ClaimTallyDeltas.end(outerTally);
            }
        }
    }

    /** Deadlock or serialization failure (40001, PostgreSQL 40P01), H2 lock timeout (HYT00) or concurrent update (90131). */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state) || e.getErrorCode() == 90131;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt + (long) (Math.random() * 30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }

    /** Inside a transaction: it makes claims READY, which {@link #readyChanges} says once it has committed. */
    void claimsBecameReady() {
        readyInTransaction.set(Boolean.TRUE);
    }

    /** How many commits of this process made claims READY so far. */
    long readyChanges() {
        return readyChanges.get();
    }

    /** The transactions committed since the store opened. */
    long commits() {
        return commits.sum();
    }

    // ---------------------------------------------------------------------------------- rows

    /** Sets the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads one row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The first row the query returns, read, or empty. */
    static <T> Optional<T> one(PreparedStatement q, RowReader<T> reader) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            return rs.next() ? Optional.ofNullable(reader.read(rs)) : Optional.empty();
        }
    }

    /** Takes in one row. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Every row the query returns, read, in order. */
    static <T> List<T> all(PreparedStatement q, RowReader<T> reader) throws SQLException {
        List<T> out = new ArrayList<>();
        forEach(q, rs -> out.add(reader.read(rs)));
        return out;
    }

    /** Hands every row the query returns to {@code each}, in order, one at a time. */
    static void forEach(PreparedStatement q, RowConsumer each) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                each.accept(rs);
            }
        }
    }

    /** Runs an insert, its parameters set by {@code binder}: the generated key of the row it made. */
    static long insert(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(sql, new String[] {"id"})) {
            binder.bind(ins);
            ins.executeUpdate();
            return generatedKey(ins);
        }
    }

    /** Runs a statement that changes rows, its parameters set by {@code binder}: how many rows it changed. */
    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(sql)) {
            binder.bind(up);
            return up.executeUpdate();
        }
    }

    /** In one transaction: whether a {@code select count(*)} query, its parameters set by {@code binder}, counts any row. */
    boolean anyRow(String what, String countSql, Binder binder) {
        return transaction(what, c -> {
            try (PreparedStatement q = c.prepareStatement(countSql)) {
                binder.bind(q);
                return one(q, rs -> rs.getLong(1)).orElse(0L) > 0;
            }
        });
    }

    static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.getGeneratedKeys()) {
            if (!rs.next()) {
                throw new SQLException("no generated key returned");
            }
            return rs.getLong(1);
        }
    }

    /** A row of {@link #INTERCHANGE_COLUMNS}. */
    Interchange interchange(ResultSet rs) throws SQLException {
        return new Interchange(rs.getLong("id"), rs.getString("payer_id"), rs.getLong("isa13"), rs.getLong("gs06"),
                rs.getString("file_name"), InterchangeState.valueOf(rs.getString("state")), Sql.localTime(rs, "envelope_time"),
                rs.getInt("transaction_count"), rs.getString("sha256"), Sql.nullableLong(rs, "size_bytes"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at"), rs.getInt("attempts"),
                Sql.instant(rs, "last_attempt_at"), rs.getString("last_error"));
    }

    /** A row of {@link #FILE_COLUMNS}. */
    ReceivedFile file(ResultSet rs) throws SQLException {
        return new ReceivedFile(rs.getLong("id"), rs.getString("practice_id"), rs.getString("file_name"),
                rs.getLong("size_bytes"), rs.getString("sha256"), Sql.instant(rs, "received_at"),
                FileOutcome.valueOf(rs.getString("outcome")), rs.getString("refusal_reason"),
                Sql.nullableLong(rs, "duplicate_of"), Sql.nullableInt(rs, "claim_count"), Sql.instant(rs, "finished_at"));
    }

    /** A row of {@link #CLAIM_COLUMNS}. */
    StoredClaim claim(ResultSet rs) throws SQLException {
        return new StoredClaim(rs.getLong("id"), rs.getLong("file_id"), rs.getString("practice_id"),
                rs.getString("practice_claim_id"), rs.getString("payer_id"), ClaimState.valueOf(rs.getString("state")),
                rs.getBoolean("overdue"), json.rows(rs.getString("file_rows")), Sql.date(rs, "earliest_service_date"),
                Sql.date(rs, "latest_service_date"), rs.getString("trace_number"), rs.getString("bht03"),
                Sql.nullableLong(rs, "st02"), Sql.nullableLong(rs, "gs06"), Sql.nullableLong(rs, "isa13"),
                Sql.nullableLong(rs, "interchange_id"), rs.getInt("attempt"), json.reasons(rs.getString("reasons_json")),
                Sql.instant(rs, "received_at"), Sql.instant(rs, "updated_at"), Sql.instant(rs, "ready_at"),
                Sql.instant(rs, "sent_at"), Sql.instant(rs, "acknowledged_at"), Sql.instant(rs, "decided_at"),
                rs.getString("authorization_number"), rs.getString("decision_code"), rs.getString("admin_reference"));
    }
}
