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
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import org.flywaydb.core.Flyway;
import org.retro278.io.SecureFiles;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.rules.RejectionCode;
import org.retro278.x12.RequestIdentifiers;
import org.retro278.x12.TransactionIds;
import org.retro278.x12.control.ControlNumberKind;
import org.retro278.x12.control.ControlNumbersExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transaction store: one row per received file, per claim (with its state) and per interchange
 * sent, the control-number counters, and an audit trail of every claim's state changes. It is what
 * makes a claim impossible to lose or to send twice.
 *
 * <p>Plain JDBC over a HikariCP pool; the schema comes from the Flyway migrations in
 * {@code db/migration}, applied when the store opens, and runs unchanged on H2 (the default, a file
 * under the work directory) and PostgreSQL. Every method is one database transaction that commits
 * before it returns or rolls back entirely; a transaction that fails on a deadlock, a serialization
 * conflict or a lock timeout is retried a few times first (each is atomic, so a retry cannot double
 * anything).
 *
 * <p>State changes are guarded: a move names the state the claim must be in, and a claim in any other
 * state does not move (the method reports how many did). Routes rely on this to be idempotent: a
 * message processed twice moves nothing the second time. Every state change, and every reservation
 * into an interchange, writes a row of the claim's history in the same transaction.
 *
 * <p>PHI: the canonical request (JSON), reasons and responses are PHI and stay in the database; this
 * class logs only ids, states, counts and control numbers, and its exceptions carry no values.
 */
public final class TransactionStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TransactionStore.class);

    /** The H2 settings that make it read and sort like PostgreSQL, so one schema and one SQL fit both. */
    public static final String H2_COMPATIBILITY = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    /** The longest a GS group may be: GE01 counts at most 99,999 transaction sets (and so do we). */
    public static final int MAX_TRANSACTION_SETS = 99_999;

    private static final int MAX_ATTEMPTS = 5;
    private static final int POOL_SIZE = 8;

    private static final String CLAIM_COLUMNS = "id, file_id, practice_id, practice_claim_id, payer_id, state, overdue, "
            + "file_rows, earliest_service_date, latest_service_date, trace_number, bht03, st02, gs06, isa13, "
            + "interchange_id, attempt, reasons_json, received_at, updated_at, ready_at, sent_at, acknowledged_at, "
            + "decided_at, authorization_number, decision_code, admin_reference";
    private static final String FILE_COLUMNS = "id, practice_id, file_name, size_bytes, sha256, received_at, outcome, "
            + "refusal_reason, duplicate_of, claim_count, finished_at";
    private static final String INTERCHANGE_COLUMNS = "id, payer_id, isa13, gs06, file_name, state, envelope_time, "
            + "transaction_count, sha256, size_bytes, created_at, sent_at, attempts, last_attempt_at, last_error";

    private final HikariDataSource pool;
    private final Clock clock;
    private final RequestJson requestJson = new RequestJson();
    private final ColumnJson json = new ColumnJson();
    private final DatabaseControlNumbers controlNumbers;

    private TransactionStore(HikariDataSource pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
        this.controlNumbers = new DatabaseControlNumbers(pool);
    }

    // ---------------------------------------------------------------------------------- opening

    /**
     * Opens the store at a JDBC URL ({@code jdbc:h2:...} or {@code jdbc:postgresql://...}), brings its
     * schema up to date with Flyway and keeps a pool of connections until {@link #close()}.
     *
     * @param password from the environment or a file outside the repository, never from committed settings;
     *                 may be empty (H2's default user, PostgreSQL trust authentication)
     */
    public static TransactionStore open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, Clock.systemUTC());
    }

    /** {@link #open(String, String, String)} with the clock that stamps every row (tests, {@code --as-of} runs). */
    public static TransactionStore open(String jdbcUrl, String user, String password, Clock clock) {
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
                    .javaMigrations(new ClaimIdentityBackfill())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            TransactionStore store = new TransactionStore(pool, clock);
            store.logReady();
            return store;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
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
    public static String h2Url(Path workDir) {
        Path base = workDir.toAbsolutePath().resolve("db").resolve("retro278");
        return "jdbc:h2:file:" + base + ";" + H2_COMPATIBILITY + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0";
    }

    /**
     * Opens the default store under the work directory, creating its folder owner-only (the database
     * files hold PHI), as H2's default user {@code sa} with the password given (may be empty).
     */
    public static TransactionStore openH2(Path workDir, String password) throws IOException {
        return openH2(workDir, password, Clock.systemUTC());
    }

    /** {@link #openH2(Path, String)} with the clock that stamps every row. */
    public static TransactionStore openH2(Path workDir, String password, Clock clock) throws IOException {
        Path db = SecureFiles.createPrivateDirectories(workDir.toAbsolutePath().resolve("db"));
        TransactionStore store = open(h2Url(workDir), "sa", password, clock);
        SecureFiles.restrictTree(db); // H2 creates its files with the umask: database and lock file owner-only
        return store;
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

    /** The control numbers kept in this store (the same counters {@link #reserveInterchange} uses). */
    public DatabaseControlNumbers controlNumbers() {
        return controlNumbers;
    }

    /** Closes the pool. Further calls fail. */
    @Override
    public void close() {
        pool.close();
    }

    // ---------------------------------------------------------------------------------- files

    /**
     * Records a claim file as it arrives. When the same practice sent the same bytes before (same
     * SHA-256, whatever became of that file), the drop is recorded as a {@link FileOutcome#DUPLICATE}
     * of the earlier file and must not be processed; otherwise it is recorded as
     * {@link FileOutcome#RECEIVED}. Two processes recording the same bytes at once get one RECEIVED and
     * one DUPLICATE (a unique constraint decides).
     *
     * @param sha256 hex SHA-256 of the file's bytes (either case)
     */
    public ReceivedFile recordReceivedFile(String practiceId, String fileName, long size, String sha256) {
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(fileName, "fileName");
        String hash = normalizeSha256(sha256);
        OffsetDateTime now = now();
        Optional<ReceivedFile> original = transaction("looking up earlier files", c -> findOriginal(c, practiceId, hash));
        if (original.isEmpty()) {
            try {
                ReceivedFile f = transaction("recording a received file",
                        c -> insertFile(c, practiceId, fileName, size, hash, now, null));
                log.info("file {} from practice {} recorded", f.id(), practiceId);
                return f;
            } catch (StoreException e) {
                if (!e.isUniqueViolation()) {
                    throw e;
                }
                // the same bytes were recorded by someone else a moment ago
            }
            original = transaction("looking up earlier files", c -> findOriginal(c, practiceId, hash));
        }
        long originalId = original.orElseThrow(() -> new IllegalStateException("the first copy vanished")).id();
        ReceivedFile dup = transaction("recording a duplicate file",
                c -> insertFile(c, practiceId, fileName, size, hash, now, originalId));
        log.info("file {} from practice {} repeats file {}: recorded as a duplicate, not processed", dup.id(), practiceId,
                originalId);
        return dup;
    }

    /**
     * Marks a received file as read completely; its claim count becomes the number of claims recorded
     * from it. Guarded: only a file in {@link FileOutcome#RECEIVED} changes.
     *
     * @return whether the file changed
     */
    public boolean markFileProcessed(long fileId) {
        boolean changed = finishFile(fileId, FileOutcome.PROCESSED, null);
        if (changed) {
            log.info("file {} processed", fileId);
        }
        return changed;
    }

    /**
     * Marks a received file as refused as a whole. Claims already recorded from it stay as they are
     * (and are counted). Guarded like {@link #markFileProcessed}.
     *
     * @param reason plain words for the practice (may quote the file: never logged)
     * @return whether the file changed
     */
    public boolean markFileRefused(long fileId, String reason) {
        Objects.requireNonNull(reason, "reason");
        boolean changed = finishFile(fileId, FileOutcome.REFUSED, reason);
        if (changed) {
            log.info("file {} refused", fileId);
        }
        return changed;
    }

    /** The file with this id. */
    public Optional<ReceivedFile> findFile(long fileId) {
        return transaction("reading a file", c -> {
            try (PreparedStatement q = c.prepareStatement("select " + FILE_COLUMNS + " from received_file where id = ?")) {
                q.setLong(1, fileId);
                return one(q, this::file);
            }
        });
    }

    // ---------------------------------------------------------------------------------- claims in

    /**
     * Records claims of a received file, all in state {@link ClaimState#RECEIVED}, in one transaction
     * (one batch; call it per chunk for large files). Each gets an arrival entry in its history.
     *
     * <p>A claim with a canonical request gets its {@link ClaimIdentity}. A claim that passed the input rules
     * and has the identity of an earlier claim of another file that is in flight or decided
     * ({@link ClaimState#blocksRedrop()}) is given the reason {@code DUPLICATE_CLAIM}, naming the earlier
     * claim's file, its arrival and its state: its file's release then rejects it locally, and it is never
     * sent. The lookup is one indexed query per {@value #IDENTITY_LOOKUP} claims, in this transaction.
     *
     * @return the store's key of each claim, in the order given
     * @throws IllegalStateException when the file is not in {@link FileOutcome#RECEIVED} (a duplicate
     *                               is never processed)
     * @throws StoreException        when a claim id repeats within the file (unique per file)
     */
    public List<Long> recordClaims(long fileId, List<NewClaim> claims) {
        if (claims.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = now();
        // the JSON is made before the transaction so that a retry does not make it again
        List<String> requests = new ArrayList<>(claims.size());
        for (NewClaim n : claims) {
            requests.add(n.request() == null ? null : requestJson.write(n.request()));
        }
        int[] duplicates = new int[1];
        List<Long> keys = transaction("recording claims", c -> {
            String practiceId = practiceOfOpenFile(c, fileId);
            List<String> identities = new ArrayList<>(claims.size());
            for (NewClaim n : claims) {
                identities.add(n.request() == null ? null : ClaimIdentity.sha256(practiceId, n.request()));
            }
            Map<String, EarlierClaim> earlier = earlierClaims(c, practiceId, fileId, claims, identities);
            duplicates[0] = 0;
            List<String> details = new ArrayList<>(claims.size());
            List<Long> out = new ArrayList<>(claims.size());
            try (PreparedStatement ins = c.prepareStatement("insert into claim (file_id, practice_id, practice_claim_id, "
                    + "payer_id, state, has_request, file_rows, earliest_service_date, latest_service_date, received_at, "
                    + "updated_at, reasons_json, identity_sha256) values (?, ?, ?, ?, 'RECEIVED', ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                for (int i = 0; i < claims.size(); i++) {
                    NewClaim n = claims.get(i);
                    List<Reason> reasons = n.reasons();
                    String detail = "received in file " + fileId;
                    EarlierClaim first = n.reasons().isEmpty() && identities.get(i) != null ? earlier.get(identities.get(i)) : null;
                    if (first != null) {
                        reasons = List.of(first.duplicateReason());
                        detail += "; the same claim as claim " + first.key() + " of file " + first.fileId() + " (" + first.state()
                                + "): rejected as " + RejectionCode.DUPLICATE_CLAIM.name();
                        duplicates[0]++;
                    }
                    details.add(detail);
                    ins.setLong(1, fileId);
                    ins.setString(2, practiceId);
                    Sql.setText(ins, 3, n.claimId());
                    Sql.setText(ins, 4, n.payerId());
                    ins.setBoolean(5, requests.get(i) != null);
                    ins.setString(6, json.rows(n.rows()));
                    Sql.setDate(ins, 7, n.serviceFrom());
                    Sql.setDate(ins, 8, n.serviceTo());
                    Sql.setTime(ins, 9, now);
                    Sql.setTime(ins, 10, now);
                    Sql.setText(ins, 11, reasons.isEmpty() ? null : json.reasons(reasons));
                    Sql.setText(ins, 12, identities.get(i));
                    ins.addBatch();
                }
                ins.executeBatch();
                try (ResultSet rs = ins.getGeneratedKeys()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            if (out.size() != claims.size()) {
                throw new IllegalStateException("the database returned " + out.size() + " keys for " + claims.size() + " claims");
            }
            // the request apart from the claim row, which every change of state rewrites (V4__claim_request_table.sql)
            try (PreparedStatement ins = c.prepareStatement("insert into claim_request (claim_key, request_json) values (?, ?)")) {
                boolean any = false;
                for (int i = 0; i < out.size(); i++) {
                    if (requests.get(i) != null) {
                        ins.setLong(1, out.get(i));
                        Sql.setText(ins, 2, requests.get(i));
                        ins.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    ins.executeBatch();
                }
            }
            List<Event> events = new ArrayList<>(out.size());
            for (int i = 0; i < out.size(); i++) {
                events.add(new Event(out.get(i), null, ClaimState.RECEIVED, details.get(i)));
            }
            writeEvents(c, events, now);
            return out;
        });
        log.debug("{} claims of file {} recorded", keys.size(), fileId);
        if (duplicates[0] > 0) {
            log.info("{} claims of file {} repeat claims of earlier files that are in flight or decided: rejected as {}",
                    duplicates[0], fileId, RejectionCode.DUPLICATE_CLAIM.name());
        }
        return keys;
    }

    /** Claims looked up by identity per query: one indexed IN list, well within both engines' parameter limits. */
    static final int IDENTITY_LOOKUP = 500;

    /** The states that make a claim dropped again a duplicate, as SQL literals (ClaimState holds the policy). */
    private static final String BLOCKING_STATES = String.join(", ", Arrays.stream(ClaimState.values())
            .filter(ClaimState::blocksRedrop).map(st -> "'" + st.name() + "'").toList());

    /** An earlier claim with the identity of a new one, in a state that blocks taking the new one in. */
    private record EarlierClaim(long key, long fileId, String fileName, Instant fileReceivedAt, ClaimState state,
                                Instant sentAt) {

        /** The reason the new claim is rejected with: plain words for the practice (the file name may be PHI). */
        Reason duplicateReason() {
            String received = fileReceivedAt.truncatedTo(ChronoUnit.SECONDS).toString();
            String what = sentAt != null ? "already sent in" : "already taken in from";
            return new Reason(RejectionCode.DUPLICATE_CLAIM.name(), "the same claim (practice, claim_id, payer, patient, "
                    + "request category, admission date, dates of service) was " + what + " '" + fileName + "' received "
                    + received + " (file " + fileId + "), now " + state + "; not sent again; a deliberate resend is the "
                    + "operator's resubmit of that claim");
        }
    }

    /**
     * For the claims that passed the input rules, the first earlier claim of another file of the practice with
     * the same identity and a state that blocks a re-drop, by identity.
     */
    private Map<String, EarlierClaim> earlierClaims(Connection c, String practiceId, long fileId, List<NewClaim> claims,
                                                    List<String> identities) throws SQLException {
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            if (identities.get(i) != null && claims.get(i).reasons().isEmpty()) {
                wanted.add(identities.get(i));
            }
        }
        Map<String, EarlierClaim> out = new HashMap<>();
        if (BLOCKING_STATES.isEmpty()) {
            return out;
        }
        for (int from = 0; from < wanted.size(); from += IDENTITY_LOOKUP) {
            List<String> part = wanted.subList(from, Math.min(wanted.size(), from + IDENTITY_LOOKUP));
            String marks = String.join(", ", Collections.nCopies(part.size(), "?"));
            try (PreparedStatement q = c.prepareStatement("select c.identity_sha256, c.id, c.state, c.sent_at, f.id as file_id, "
                    + "f.file_name, f.received_at from claim c join received_file f on f.id = c.file_id "
                    + "where c.identity_sha256 in (" + marks + ") and c.practice_id = ? and c.file_id <> ? "
                    + "and c.state in (" + BLOCKING_STATES + ") order by c.id")) {
                int p = 1;
                for (String h : part) {
                    q.setString(p++, h);
                }
                q.setString(p++, practiceId);
                q.setLong(p, fileId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.putIfAbsent(rs.getString("identity_sha256"), new EarlierClaim(rs.getLong("id"), rs.getLong("file_id"),
                                rs.getString("file_name"), Sql.instant(rs, "received_at"), ClaimState.valueOf(rs.getString("state")),
                                Sql.instant(rs, "sent_at")));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Forgets a claim of a file that the claim-file reader took back (its rows were not adjacent; the
     * whole claim is recorded again later), with its history. Only a claim still in
     * {@link ClaimState#RECEIVED} or {@link ClaimState#REJECTED_LOCALLY} can be forgotten: once it has
     * been READY it is kept for good.
     *
     * @return whether a claim was forgotten
     */
    public boolean retractClaim(long fileId, String claimId) {
        Objects.requireNonNull(claimId, "claimId");
        return transaction("retracting a claim", c -> {
            Long key;
            try (PreparedStatement q = c.prepareStatement("select id from claim where file_id = ? and practice_claim_id = ? "
                    + "and state in ('RECEIVED', 'REJECTED_LOCALLY') and interchange_id is null")) {
                q.setLong(1, fileId);
                q.setString(2, claimId);
                key = one(q, rs -> rs.getLong(1)).orElse(null);
            }
            if (key == null) {
                return false;
            }
            for (String table : List.of("claim_event", "claim_request")) {
                try (PreparedStatement d = c.prepareStatement("delete from " + table + " where claim_key = ?")) {
                    d.setLong(1, key);
                    d.executeUpdate();
                }
            }
            try (PreparedStatement d = c.prepareStatement("delete from claim where id = ? and state in ('RECEIVED', "
                    + "'REJECTED_LOCALLY')")) {
                d.setLong(1, key);
                if (d.executeUpdate() != 1) {
                    throw new SQLException("claim " + key + " changed while being retracted", "40001");
                }
            }
            log.debug("claim {} of file {} retracted", claimId, fileId);
            return true;
        });
    }

    /** What {@link #releaseFile} did. */
    public record FileRelease(int ready, int rejected) {
    }

    /**
     * Ends the intake of a file in ONE transaction: its RECEIVED claims that passed the input rules become
     * READY (and so visible to the submission), those with reasons become REJECTED_LOCALLY, and the file
     * becomes PROCESSED. Until then none of its claims can be sent, so a claim whose rows were not adjacent
     * in the file can still be taken back and recorded whole.
     *
     * @throws IllegalStateException when the file is not in {@link FileOutcome#RECEIVED}
     */
    public FileRelease releaseFile(long fileId) {
        OffsetDateTime now = now();
        FileRelease r = transaction("releasing a file", c -> {
            practiceOfOpenFile(c, fileId);
            List<Event> events = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select id, reasons_json is null and has_request "
                    + "from claim where file_id = ? and state = 'RECEIVED' order by id")) {
                q.setLong(1, fileId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        boolean ok = rs.getBoolean(2);
                        events.add(new Event(rs.getLong(1), ClaimState.RECEIVED, ok ? ClaimState.READY : ClaimState.REJECTED_LOCALLY,
                                ok ? "passed the input rules" : "rejected by the input rules"));
                    }
                }
            }
            int ready;
            int rejected;
            try (PreparedStatement up = c.prepareStatement("update claim set state = 'READY', ready_at = ?, updated_at = ? "
                    + "where file_id = ? and state = 'RECEIVED' and reasons_json is null and has_request")) {
                Sql.setTime(up, 1, now);
                Sql.setTime(up, 2, now);
                up.setLong(3, fileId);
                ready = up.executeUpdate();
            }
            try (PreparedStatement up = c.prepareStatement("update claim set state = 'REJECTED_LOCALLY', updated_at = ? "
                    + "where file_id = ? and state = 'RECEIVED'")) {
                Sql.setTime(up, 1, now);
                up.setLong(2, fileId);
                rejected = up.executeUpdate();
            }
            if (ready + rejected != events.size()) {
                throw new SQLException("claims of file " + fileId + " changed while it was released", "40001");
            }
            writeEvents(c, events, now);
            try (PreparedStatement up = c.prepareStatement("update received_file set outcome = 'PROCESSED', finished_at = ?, "
                    + "claim_count = (select count(*) from claim where file_id = ?) where id = ? and outcome = 'RECEIVED'")) {
                Sql.setTime(up, 1, now);
                up.setLong(2, fileId);
                up.setLong(3, fileId);
                up.executeUpdate();
            }
            return new FileRelease(ready, rejected);
        });
        log.info("file {} released: {} claims ready, {} rejected locally", fileId, r.ready(), r.rejected());
        return r;
    }

    /**
     * Forgets what an interrupted intake recorded for a file (its claims, all still RECEIVED, and their
     * history) so that the file can be read again from the start. Only a file still in
     * {@link FileOutcome#RECEIVED} can be restarted.
     *
     * @return how many claims were forgotten
     */
    public int restartFile(long fileId) {
        int n = transaction("restarting a file", c -> {
            practiceOfOpenFile(c, fileId);
            try (PreparedStatement q = c.prepareStatement("select count(*) from claim where file_id = ? and state <> 'RECEIVED'")) {
                q.setLong(1, fileId);
                if (one(q, rs -> rs.getLong(1)).orElse(0L) > 0) {
                    throw new IllegalStateException("file " + fileId + " has claims past RECEIVED: it cannot be read again");
                }
            }
            for (String table : List.of("claim_event", "claim_request")) {
                try (PreparedStatement d = c.prepareStatement("delete from " + table + " where claim_key in "
                        + "(select id from claim where file_id = ?)")) {
                    d.setLong(1, fileId);
                    d.executeUpdate();
                }
            }
            try (PreparedStatement d = c.prepareStatement("delete from claim where file_id = ?")) {
                d.setLong(1, fileId);
                return d.executeUpdate();
            }
        });
        log.info("file {} restarted: {} claims of an interrupted intake forgotten", fileId, n);
        return n;
    }

    /** The first copy of these bytes from this practice, if it sent them before. */
    public Optional<ReceivedFile> findFirstCopy(String practiceId, String sha256) {
        String hash = normalizeSha256(sha256);
        return transaction("looking up earlier files", c -> findOriginal(c, practiceId, hash));
    }

    // ---------------------------------------------------------------------------------- state changes

    /**
     * Applies guarded state changes in one transaction: each claim moves only if it is in the move's
     * {@code from} state at that moment; the others are left alone. A move replaces the claim's reasons
     * with the move's, clears its overdue flag and stamps the time column of the new state (ready,
     * sent, acknowledged, decided). A move into READY also drops any link to an earlier interchange
     * (the next reservation gives the claim new control numbers). Each move that happens is written to
     * the claim's history.
     *
     * @return how many claims moved
     */
    public int moveAll(List<ClaimMove> moves) {
        if (moves.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = now();
        List<ClaimMove> copy = List.copyOf(moves);
        int moved = transaction("moving claims", c -> applyMoves(c, copy, now).size());
        log.debug("{} of {} claims moved", moved, copy.size());
        return moved;
    }

    /**
     * Moves one claim from {@code from} to {@code to}, clearing its reasons.
     *
     * @param detail PHI-free words for the history, or {@code null}
     * @return whether it moved (false: it was not in {@code from}, or does not exist)
     */
    public boolean move(long claimKey, ClaimState from, ClaimState to, String detail) {
        return moveAll(List.of(new ClaimMove(claimKey, from, to, detail))) == 1;
    }

    /** Moves one claim from {@code from} to {@code to} with the reasons it is now in {@code to}. */
    public boolean move(long claimKey, ClaimState from, ClaimState to, List<Reason> reasons, String detail) {
        return moveAll(List.of(new ClaimMove(claimKey, from, to, reasons, detail))) == 1;
    }

    /**
     * Moves many claims from {@code from} to {@code to} in one transaction.
     *
     * @return how many moved (claims in another state stay)
     */
    public int move(Collection<Long> claimKeys, ClaimState from, ClaimState to, String detail) {
        List<ClaimMove> moves = new ArrayList<>(claimKeys.size());
        for (long k : claimKeys) {
            moves.add(new ClaimMove(k, from, to, detail));
        }
        return moveAll(moves);
    }

    /**
     * Rejects one RECEIVED claim locally (bad data, retro window, payer) with its reasons.
     *
     * @return whether it moved
     */
    public boolean rejectLocally(long claimKey, List<Reason> reasons) {
        return rejectLocally(Map.of(claimKey, reasons)) == 1;
    }

    /**
     * Rejects RECEIVED claims locally in one transaction, each with its reasons (at least one).
     *
     * @return how many moved
     */
    public int rejectLocally(Map<Long, List<Reason>> reasonsByClaim) {
        List<ClaimMove> moves = new ArrayList<>(reasonsByClaim.size());
        for (Map.Entry<Long, List<Reason>> e : reasonsByClaim.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("claim " + e.getKey() + ": a local rejection needs a reason");
            }
            moves.add(new ClaimMove(e.getKey(), ClaimState.RECEIVED, ClaimState.REJECTED_LOCALLY, e.getValue(),
                    "rejected by the input rules"));
        }
        return moveAll(moves);
    }

    /**
     * Flags claims whose acknowledgment or decision is late. Only claims that await an answer (SENT,
     * ACCEPTED, PENDED) and are not flagged yet change; the flag is cleared by the claim's next move.
     *
     * @param detail PHI-free words for the history (for example which deadline passed)
     * @return how many claims were flagged
     */
    public int flagOverdue(Collection<Long> claimKeys, String detail) {
        if (claimKeys.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = now();
        List<Long> keys = List.copyOf(claimKeys);
        int flagged = transaction("flagging overdue claims", c -> {
            List<Event> events = new ArrayList<>();
            try (PreparedStatement up = c.prepareStatement("update claim set overdue = true, updated_at = ? where id = ? "
                    + "and overdue = false and state in ('SENT', 'ACCEPTED', 'PENDED')");
                 PreparedStatement q = c.prepareStatement("select state from claim where id = ?")) {
                for (long k : keys) {
                    Sql.setTime(up, 1, now);
                    up.setLong(2, k);
                    if (up.executeUpdate() == 1) {
                        q.setLong(1, k);
                        ClaimState s = one(q, rs -> ClaimState.valueOf(rs.getString(1))).orElseThrow();
                        events.add(new Event(k, s, s, detail == null ? "overdue" : "overdue: " + detail));
                    }
                }
            }
            writeEvents(c, events, now);
            return events.size();
        });
        if (flagged > 0) {
            log.info("{} claims flagged overdue", flagged);
        }
        return flagged;
    }

    /**
     * The one place claim states change: guarded updates, grouped into batches of consecutive moves to
     * the same state, then a history row for each claim that moved.
     */
    private List<ClaimMove> applyMoves(Connection c, List<ClaimMove> moves, OffsetDateTime now) throws SQLException {
        List<ClaimMove> moved = new ArrayList<>();
        int i = 0;
        while (i < moves.size()) {
            ClaimState to = moves.get(i).to();
            int j = i;
            while (j < moves.size() && moves.get(j).to() == to) {
                j++;
            }
            List<ClaimMove> run = new ArrayList<>(moves.subList(i, j));
            // one lock order for every batch, so that two batches never wait for each other
            run.sort((a, b) -> Long.compare(a.claimKey(), b.claimKey()));
            StringBuilder sql = new StringBuilder("update claim set state = ?, updated_at = ?, overdue = false, reasons_json = ?");
            if (to.stamp().column != null) {
                sql.append(", ").append(to.stamp().column).append(" = ?");
            }
            if (to == ClaimState.READY) {
                sql.append(", interchange_id = null, isa13 = null, gs06 = null, st02 = null, trace_number = null, bht03 = null");
            }
            sql.append(" where id = ? and state = ?");
            try (PreparedStatement up = c.prepareStatement(sql.toString())) {
                for (ClaimMove m : run) {
                    int p = 1;
                    up.setString(p++, to.name());
                    Sql.setTime(up, p++, now);
                    Sql.setText(up, p++, json.reasons(m.reasons()));
                    if (to.stamp().column != null) {
                        Sql.setTime(up, p++, now);
                    }
                    up.setLong(p++, m.claimKey());
                    up.setString(p, m.from().name());
                    up.addBatch();
                }
                int[] counts = up.executeBatch();
                for (int k = 0; k < counts.length; k++) {
                    if (counts[k] == Statement.SUCCESS_NO_INFO || counts[k] < 0) {
                        throw new IllegalStateException("the driver did not report which claims moved");
                    }
                    if (counts[k] > 0) {
                        moved.add(run.get(k));
                    }
                }
            }
            i = j;
        }
        List<Event> events = new ArrayList<>(moved.size());
        for (ClaimMove m : moved) {
            events.add(new Event(m.claimKey(), m.from(), m.to(), m.detail()));
        }
        writeEvents(c, events, now);
        return moved;
    }

    /** A history row to write. */
    private record Event(long claimKey, ClaimState from, ClaimState to, String detail) {
    }

    private static void writeEvents(Connection c, List<Event> events, OffsetDateTime now) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(
                "insert into claim_event (claim_key, occurred_at, from_state, to_state, detail) values (?, ?, ?, ?, ?)")) {
            for (Event e : events) {
                ins.setLong(1, e.claimKey());
                Sql.setTime(ins, 2, now);
                Sql.setText(ins, 3, e.from() == null ? null : e.from().name());
                ins.setString(4, e.to().name());
                Sql.setText(ins, 5, Sql.clip(e.detail(), 1000));
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    // ---------------------------------------------------------------------------------- claims out

    /** The claim with this key. */
    public Optional<StoredClaim> find(long claimKey) {
        return findOne("reading a claim", "id = ?", ps -> ps.setLong(1, claimKey));
    }

    /** The claim whose current transaction set carries this TRN02 (the primary correlation key of responses). */
    public Optional<StoredClaim> findByTraceNumber(String traceNumber) {
        return findOne("finding a claim by trace number", "trace_number = ?", ps -> ps.setString(1, traceNumber));
    }

    /** The claim whose current transaction set carries this BHT03. */
    public Optional<StoredClaim> findByBht03(String bht03) {
        return findOne("finding a claim by BHT03", "bht03 = ?", ps -> ps.setString(1, bht03));
    }

    /** The claim whose current transaction set went out as ST02 {@code st02} in group GS06 {@code gs06} (a 999's AK1/AK2). */
    public Optional<StoredClaim> findByControlNumbers(long gs06, long st02) {
        return findOne("finding a claim by control numbers", "st02 = ? and gs06 = ?", ps -> {
            ps.setLong(1, st02);
            ps.setLong(2, gs06);
        });
    }

    /** The claims of the interchange with this ISA13 (a TA1 answers for all of them), in ST02 order. */
    public List<StoredClaim> findByIsa13(long isa13) {
        return findMany("finding claims by ISA13", "isa13 = ? order by st02", ps -> ps.setLong(1, isa13));
    }

    /** The claims recorded from a file, in the order they were recorded. */
    public List<StoredClaim> claimsOfFile(long fileId) {
        return findMany("reading the claims of a file", "file_id = ? order by id", ps -> ps.setLong(1, fileId));
    }

    /** Hands each claim of a file, in the order they were recorded, to the visitor; memory stays flat. */
    public void forEachClaimOfFile(long fileId, ClaimVisitor visitor) throws IOException {
        transaction("reading the claims of a file", c -> {
            try (PreparedStatement q = c.prepareStatement("select " + CLAIM_COLUMNS + " from claim where file_id = ? order by id")) {
                q.setFetchSize(256);
                q.setLong(1, fileId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        visitor.visit(claim(rs));
                    }
                }
            }
            return null;
        });
    }

    /** Receives claims one by one. */
    @FunctionalInterface
    public interface ClaimVisitor {
        void visit(StoredClaim claim) throws IOException;
    }

    /** A claim whose answer is late, as {@link #lateClaims} finds it. */
    public record LateClaim(long key, String claimId, ClaimState state, Instant since) {
    }

    /**
     * Claims of a payer whose answer is late and that are not flagged yet: SENT before {@code sentBefore}
     * (no acknowledgment), ACCEPTED before {@code acceptedBefore} (no decision), PENDED before
     * {@code pendedBefore} (no final decision).
     */
    public List<LateClaim> lateClaims(String payerId, Instant sentBefore, Instant acceptedBefore, Instant pendedBefore) {
        return transaction("finding late claims", c -> {
            List<LateClaim> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select id, practice_claim_id, state, sent_at, acknowledged_at, decided_at "
                    + "from claim where payer_id = ? and overdue = false and ((state = 'SENT' and sent_at < ?) "
                    + "or (state = 'ACCEPTED' and acknowledged_at < ?) or (state = 'PENDED' and decided_at < ?)) order by id")) {
                q.setString(1, payerId);
                Sql.setTime(q, 2, Sql.utc(sentBefore));
                Sql.setTime(q, 3, Sql.utc(acceptedBefore));
                Sql.setTime(q, 4, Sql.utc(pendedBefore));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        ClaimState st = ClaimState.valueOf(rs.getString("state"));
                        Instant since = switch (st) {
                            case SENT -> Sql.instant(rs, "sent_at");
                            case ACCEPTED -> Sql.instant(rs, "acknowledged_at");
                            default -> Sql.instant(rs, "decided_at");
                        };
                        out.add(new LateClaim(rs.getLong("id"), rs.getString("practice_claim_id"), st, since));
                    }
                }
            }
            return out;
        });
    }

    /** What {@link #applyResponseFile} did with a file. */
    public record ResponseFileOutcome(long id, boolean duplicate, ResponseSession.Tally tally) {
    }

    /**
     * Applies one response file of a payer in ONE transaction: records the file (payer, name, SHA-256),
     * runs the work with a {@link ResponseSession}, commits. The same bytes from the same payer again are a
     * duplicate: nothing runs, nothing changes.
     */
    public ResponseFileOutcome applyResponseFile(String payerId, String fileName, String sha256, ResponseSession.Work work)
            throws IOException {
        String hash = normalizeSha256(sha256);
        OffsetDateTime now = now();
        ResponseFileOutcome out = transaction("applying a response file", c -> {
            try (PreparedStatement q = c.prepareStatement("select id from response_file where payer_id = ? and sha256 = ?")) {
                q.setString(1, payerId);
                q.setString(2, hash);
                Optional<Long> earlier = one(q, rs -> rs.getLong(1));
                if (earlier.isPresent()) {
                    return new ResponseFileOutcome(earlier.get(), true, new ResponseSession.Tally(0, 0, 0, 0));
                }
            }
            long id;
            try (PreparedStatement ins = c.prepareStatement("insert into response_file (payer_id, file_name, sha256, received_at, "
                    + "items, matched, unmatched, problems) values (?, ?, ?, ?, 0, 0, 0, 0)", new String[] {"id"})) {
                ins.setString(1, payerId);
                ins.setString(2, Sql.clip(fileName, 255));
                ins.setString(3, hash);
                Sql.setTime(ins, 4, now);
                ins.executeUpdate();
                id = generatedKey(ins);
            }
            Session session = new Session(c, id, now);
            ResponseSession.Tally tally = work.apply(session);
            List<Long> changed = session.changedClaims();
            session.flushEvents();
            try (PreparedStatement up = c.prepareStatement("update response_file set items = ?, matched = ?, unmatched = ?, "
                    + "problems = ? where id = ?")) {
                up.setInt(1, tally.items());
                up.setInt(2, tally.matched());
                up.setInt(3, tally.unmatched());
                up.setInt(4, tally.problems());
                up.setLong(5, id);
                up.executeUpdate();
            }
            // Reading the file inside this transaction takes a while (seconds for a large one), and the claims were
            // stamped when it began: a status publication that read the claims meanwhile (before this commit) and
            // recorded its own later time as published would never see these changes (StatusFiles compares
            // updated_at with that time). So the changed claims are stamped again now, just before the commit.
            if (!changed.isEmpty()) {
                OffsetDateTime committing = now();
                try (PreparedStatement up = c.prepareStatement("update claim set updated_at = ? where id = ?")) {
                    for (long key : changed) {
                        Sql.setTime(up, 1, committing);
                        up.setLong(2, key);
                        up.addBatch();
                    }
                    up.executeBatch();
                }
            }
            return new ResponseFileOutcome(id, false, tally);
        });
        if (!out.duplicate()) {
            log.info("response file {} of payer {} applied: {} item(s), {} matched, {} unmatched", out.id(), payerId,
                    out.tally().items(), out.tally().matched(), out.tally().unmatched());
        }
        return out;
    }

    /** The response session on one connection (one transaction). */
    private final class Session implements ResponseSession {
        private final Connection c;
        private final long fileId;
        private final OffsetDateTime now;
        private final List<Event> events = new ArrayList<>();

        Session(Connection c, long fileId, OffsetDateTime now) {
            this.c = c;
            this.fileId = fileId;
            this.now = now;
        }

        private List<StoredClaim> claims(String where, Object... args) {
            try (PreparedStatement q = c.prepareStatement("select " + CLAIM_COLUMNS + " from claim where " + where + " order by id")) {
                for (int i = 0; i < args.length; i++) {
                    q.setObject(i + 1, args[i]);
                }
                List<StoredClaim> out = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(claim(rs));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new StoreException("reading claims for a response", e);
            }
        }

        @Override
        public List<StoredClaim> claimsOfInterchange(long isa13) {
            return claims("isa13 = ? and interchange_id is not null", isa13);
        }

        @Override
        public List<StoredClaim> claimsOfGroup(long gs06) {
            return claims("gs06 = ? and interchange_id is not null", gs06);
        }

        @Override
        public Optional<StoredClaim> claimOfSet(long gs06, long st02) {
            return claims("gs06 = ? and st02 = ? and interchange_id is not null", gs06, st02).stream().findFirst();
        }

        @Override
        public Optional<StoredClaim> claimByTrace(String traceNumber) {
            return claims("trace_number = ?", traceNumber).stream().findFirst();
        }

        @Override
        public Optional<StoredClaim> claimByBht03(String bht03) {
            return claims("bht03 = ?", bht03).stream().findFirst();
        }

        @Override
        public Optional<RetroAuthorizationRequest> request(long claimKey) {
            try (PreparedStatement q = c.prepareStatement("select request_json from claim_request where claim_key = ?")) {
                q.setLong(1, claimKey);
                return one(q, rs -> rs.getString(1)).filter(java.util.Objects::nonNull).map(requestJson::read);
            } catch (SQLException e) {
                throw new StoreException("reading a claim's request", e);
            }
        }

        @Override
        public boolean move(long claimKey, Collection<ClaimState> from, ClaimState to, List<Reason> reasons, String detail) {
            return update(claimKey, from, to, null, null, null, null, reasons, detail, false);
        }

        @Override
        public boolean decide(long claimKey, Collection<ClaimState> from, ClaimState to, String authorizationNumber,
                              String decisionCode, String adminReference, String responseJson, List<Reason> reasons, String detail) {
            return update(claimKey, from, to, authorizationNumber, decisionCode, adminReference, responseJson, reasons, detail, true);
        }

        private boolean update(long key, Collection<ClaimState> from, ClaimState to, String auth, String code, String admin,
                               String responseJson, List<Reason> reasons, String detail, boolean decision) {
            if (from.isEmpty()) {
                return false;
            }
            ClaimState current = claims("id = ?", key).stream().findFirst().map(StoredClaim::state).orElse(null);
            if (current == null || !from.contains(current)) {
                return false;
            }
            StringBuilder sql = new StringBuilder("update claim set state = ?, updated_at = ?, overdue = false, reasons_json = ?");
            if (to.stamp().column != null) {
                sql.append(", ").append(to.stamp().column).append(" = ?");
            }
            if (decision) {
                sql.append(", authorization_number = ?, decision_code = ?, admin_reference = ?, response_json = ?");
            }
            sql.append(" where id = ? and state = ?");
            try (PreparedStatement up = c.prepareStatement(sql.toString())) {
                int p = 1;
                up.setString(p++, to.name());
                Sql.setTime(up, p++, now);
                Sql.setText(up, p++, reasons.isEmpty() ? null : json.reasons(reasons));
                if (to.stamp().column != null) {
                    Sql.setTime(up, p++, now);
                }
                if (decision) {
                    Sql.setText(up, p++, Sql.clip(auth, 50));
                    Sql.setText(up, p++, Sql.clip(code, 2));
                    Sql.setText(up, p++, Sql.clip(admin, 50));
                    Sql.setText(up, p++, responseJson);
                }
                up.setLong(p++, key);
                up.setString(p, current.name());
                if (up.executeUpdate() != 1) {
                    return false;
                }
            } catch (SQLException e) {
                throw new StoreException("applying a response to a claim", e);
            }
            events.add(new Event(key, current, to, detail));
            return true;
        }

        @Override
        public void unmatched(String kind, String reference, String summaryJson) {
            try (PreparedStatement ins = c.prepareStatement("insert into unmatched_response (response_file_id, kind, reference, "
                    + "summary_json, received_at) values (?, ?, ?, ?, ?)")) {
                ins.setLong(1, fileId);
                ins.setString(2, Sql.clip(kind, 16));
                ins.setString(3, Sql.clip(reference, 300));
                Sql.setText(ins, 4, summaryJson);
                Sql.setTime(ins, 5, now);
                ins.executeUpdate();
            } catch (SQLException e) {
                throw new StoreException("keeping an unmatched response", e);
            }
        }

        List<Long> changedClaims() {
            return events.stream().map(Event::claimKey).distinct().toList();
        }

        void flushEvents() throws SQLException {
            writeEvents(c, events, now);
            events.clear();
        }
    }

    /** Responses of a payer's files that matched no claim, newest first (kind, reference, when). */
    public List<String[]> unmatchedResponses(String payerId) {
        return transaction("listing unmatched responses", c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select u.kind, u.reference, u.received_at from unmatched_response u "
                    + "join response_file f on f.id = u.response_file_id where f.payer_id = ? order by u.id desc")) {
                q.setString(1, payerId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), rs.getString(2), String.valueOf(Sql.instant(rs, "received_at"))});
                    }
                }
            }
            return out;
        });
    }

    /** The store's clock: the time stamps it writes are on it. */
    public Instant currentTime() {
        return now().toInstant();
    }

    /**
     * The processed files of a practice with a claim that changed since the file's status was last
     * published (or never published), oldest first.
     */
    public List<ReceivedFile> filesWithNewStatus(String practiceId) {
        return transaction("finding files whose status changed", c -> {
            List<ReceivedFile> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select " + FILE_COLUMNS + " from received_file f where f.practice_id = ? "
                    + "and f.outcome = 'PROCESSED' and exists (select 1 from claim c where c.file_id = f.id and "
                    + "(f.status_published_at is null or c.updated_at > f.status_published_at)) order by f.id")) {
                q.setString(1, practiceId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(file(rs));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Records that the status of a file was published as it was at {@code asOf} (taken before the claims
     * were read, so that a change while writing triggers another publication). Never moves backwards.
     */
    public boolean statusPublished(long fileId, Instant asOf) {
        return transaction("recording a published status", c -> {
            try (PreparedStatement up = c.prepareStatement("update received_file set status_published_at = ? where id = ? "
                    + "and (status_published_at is null or status_published_at < ?)")) {
                Sql.setTime(up, 1, Sql.utc(asOf));
                up.setLong(2, fileId);
                Sql.setTime(up, 3, Sql.utc(asOf));
                return up.executeUpdate() == 1;
            }
        });
    }

    /** Whether another, earlier file of the practice had this name. */
    public boolean fileNameUsedBefore(String practiceId, String fileName, long fileId) {
        return transaction("looking up file names", c -> {
            try (PreparedStatement q = c.prepareStatement("select count(*) from received_file where practice_id = ? "
                    + "and file_name = ? and id < ? and outcome <> 'DUPLICATE'")) {
                q.setString(1, practiceId);
                q.setString(2, fileName);
                q.setLong(3, fileId);
                return one(q, rs -> rs.getLong(1)).orElse(0L) > 0;
            }
        });
    }

    /**
     * READY claims of a payer that no interchange holds yet, the longest-waiting first.
     *
     * @param limit at most this many
     */
    public List<StoredClaim> findReady(String payerId, int limit) {
        return findMany("finding READY claims", "payer_id = ? and state = 'READY' and interchange_id is null "
                + "order by ready_at, id limit ?", ps -> {
                    ps.setString(1, payerId);
                    ps.setInt(2, limit);
                });
    }

    /** For each payer with READY claims that no interchange holds yet: how many, and since when the oldest waits. */
    public List<ReadyQueue> readyQueues() {
        return transaction("counting READY claims", c -> {
            List<ReadyQueue> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select payer_id, count(*) as waiting, min(ready_at) as oldest "
                    + "from claim where state = 'READY' and interchange_id is null group by payer_id order by payer_id");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new ReadyQueue(rs.getString("payer_id"), rs.getLong("waiting"), Sql.instant(rs, "oldest")));
                }
            }
            return out;
        });
    }

    /**
     * The claims waiting for one payer (READY, not yet reserved), or empty when none: a range read on the
     * queue index, cheap enough for every tick of the submission route.
     */
    public Optional<ReadyQueue> readyQueue(String payerId) {
        return transaction("counting READY claims of a payer", c -> {
            try (PreparedStatement q = c.prepareStatement("select count(*) as waiting, min(ready_at) as oldest from claim "
                    + "where payer_id = ? and state = 'READY' and interchange_id is null")) {
                q.setString(1, payerId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next() || rs.getLong("waiting") == 0) {
                        return Optional.<ReadyQueue>empty();
                    }
                    return Optional.of(new ReadyQueue(payerId, rs.getLong("waiting"), Sql.instant(rs, "oldest")));
                }
            }
        });
    }

    /** The claim's history, oldest first. */
    public List<ClaimEvent> history(long claimKey) {
        return transaction("reading a claim's history", c -> {
            List<ClaimEvent> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select id, claim_key, occurred_at, from_state, to_state, detail "
                    + "from claim_event where claim_key = ? order by id")) {
                q.setLong(1, claimKey);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString("from_state");
                        out.add(new ClaimEvent(rs.getLong("id"), rs.getLong("claim_key"), Sql.instant(rs, "occurred_at"),
                                from == null ? null : ClaimState.valueOf(from), ClaimState.valueOf(rs.getString("to_state")),
                                rs.getString("detail")));
                    }
                }
            }
            return out;
        });
    }

    /** The canonical request of a claim (PHI), or empty when the claim does not exist or has none. */
    public Optional<RetroAuthorizationRequest> request(long claimKey) {
        Optional<String> text = transaction("reading a claim's request", c -> {
            try (PreparedStatement q = c.prepareStatement("select request_json from claim_request where claim_key = ?")) {
                q.setLong(1, claimKey);
                return one(q, rs -> rs.getString(1)).filter(Objects::nonNull);
            }
        });
        return text.map(requestJson::read);
    }

    // ---------------------------------------------------------------------------------- interchanges

    /**
     * Sets aside, in ONE transaction, the next interchange for a payer: up to {@code maxClaims} of its
     * READY claims not yet held by an interchange (the longest-waiting first) get an ISA13, a GS06 and
     * consecutive ST02s from the control-number table, an interchange row in state
     * {@link InterchangeState#SENDING} under the file name made from its ISA13, and their trace number
     * (TRN02) and BHT03 ({@link RequestIdentifiers}). The claims stay READY until
     * {@link #markInterchangeSent}. Concurrent reservations, in this or another process, are
     * serialized by the interchange counter's row lock, so no claim and no number is ever in two.
     *
     * @param envelopeTime     the date and time the interchange is written with (and BHT03 carries)
     * @param fileNameForIsa13 the file name of the interchange with this ISA13
     * @return the reservation, or empty when no claim is waiting (then nothing was allocated)
     * @throws ControlNumbersExhaustedException when a counter would pass nine digits; nothing was reserved
     */
    public Optional<ReservedInterchange> reserveInterchange(String payerId, int maxClaims, LocalDateTime envelopeTime,
                                                            LongFunction<String> fileNameForIsa13)
            throws ControlNumbersExhaustedException {
        Objects.requireNonNull(payerId, "payerId");
        Objects.requireNonNull(envelopeTime, "envelopeTime");
        if (maxClaims < 1 || maxClaims > MAX_TRANSACTION_SETS) {
            throw new IllegalArgumentException("maxClaims must be from 1 to " + MAX_TRANSACTION_SETS);
        }
        OffsetDateTime now = now();
        Optional<ReservedInterchange> reserved = transaction("reserving an interchange", c -> {
            // first lock: the interchange counter, which every reservation takes first
            long isa13 = DatabaseControlNumbers.reserve(c, ControlNumberKind.INTERCHANGE, 1);
            List<long[]> keys = new ArrayList<>();
            List<String> claimIds = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select id, practice_claim_id from claim where payer_id = ? "
                    + "and state = 'READY' and interchange_id is null order by ready_at, id limit ?")) {
                q.setString(1, payerId);
                q.setInt(2, maxClaims);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        keys.add(new long[] {rs.getLong(1)});
                        claimIds.add(rs.getString(2));
                    }
                }
            }
            if (keys.isEmpty()) {
                c.rollback(); // hands the ISA13 back: nobody saw it
                return Optional.<ReservedInterchange>empty();
            }
            int n = keys.size();
            long gs06 = DatabaseControlNumbers.reserve(c, ControlNumberKind.GROUP, 1);
            long firstSt02 = DatabaseControlNumbers.reserve(c, ControlNumberKind.TRANSACTION, n);
            String fileName = Objects.requireNonNull(fileNameForIsa13.apply(isa13), "file name");
            long interchangeId;
            try (PreparedStatement ins = c.prepareStatement("insert into interchange (payer_id, isa13, gs06, file_name, state, "
                    + "envelope_time, transaction_count, created_at, attempts) values (?, ?, ?, ?, 'SENDING', ?, ?, ?, 0)",
                    new String[] {"id"})) {
                ins.setString(1, payerId);
                ins.setLong(2, isa13);
                ins.setLong(3, gs06);
                ins.setString(4, fileName);
                ins.setObject(5, envelopeTime);
                ins.setInt(6, n);
                Sql.setTime(ins, 7, now);
                ins.executeUpdate();
                interchangeId = generatedKey(ins);
            }
            List<ReservedClaim> claims = new ArrayList<>(n);
            List<Event> events = new ArrayList<>(n);
            try (PreparedStatement up = c.prepareStatement("update claim set interchange_id = ?, isa13 = ?, gs06 = ?, st02 = ?, "
                    + "trace_number = ?, bht03 = ?, attempt = attempt + 1, updated_at = ? "
                    + "where id = ? and state = 'READY' and interchange_id is null")) {
                for (int i = 0; i < n; i++) {
                    long key = keys.get(i)[0];
                    TransactionIds ids = RequestIdentifiers.forClaim(claimIds.get(i), firstSt02 + i, envelopeTime);
                    up.setLong(1, interchangeId);
                    up.setLong(2, isa13);
                    up.setLong(3, gs06);
                    up.setLong(4, ids.controlNumber());
                    up.setString(5, ids.traceNumber());
                    up.setString(6, ids.bht03());
                    Sql.setTime(up, 7, now);
                    up.setLong(8, key);
                    up.addBatch();
                    claims.add(new ReservedClaim(key, claimIds.get(i), ids));
                    events.add(new Event(key, ClaimState.READY, ClaimState.READY, String.format(
                            "reserved for interchange ISA13 %09d, GS06 %d, ST02 %s, trace %s", isa13, gs06, ids.st02(),
                            ids.traceNumber())));
                }
                for (int count : up.executeBatch()) {
                    if (count != 1) {
                        // cannot happen while the counter lock serializes reservations; never link half a batch
                        throw new SQLException("a READY claim changed during the reservation", "40001");
                    }
                }
            }
            writeEvents(c, events, now);
            return Optional.of(new ReservedInterchange(interchangeId, payerId, isa13, gs06, fileName, envelopeTime, claims));
        });
        reserved.ifPresent(r -> log.info("interchange ISA13 {} reserved for payer {}: {} claims, ST02 {} to {}", r.isa13(),
                payerId, r.claims().size(), r.claims().get(0).ids().st02(), r.claims().get(r.claims().size() - 1).ids().st02()));
        return reserved;
    }

    /**
     * Hands each claim of an interchange, in ST02 order, with its identifiers and canonical request to
     * {@code visitor}: what the submission route needs to write (or, after a crash, rewrite the same)
     * transaction sets. Requests are read one at a time, so memory stays flat.
     */
    public void forEachRequest(long interchangeId, RequestVisitor visitor) throws IOException {
        transaction("reading the requests of an interchange", c -> {
            LocalDateTime envelopeTime;
            try (PreparedStatement q = c.prepareStatement("select envelope_time from interchange where id = ?")) {
                q.setLong(1, interchangeId);
                envelopeTime = one(q, rs -> Sql.localTime(rs, "envelope_time"))
                        .orElseThrow(() -> new IllegalArgumentException("no interchange " + interchangeId));
            }
            try (PreparedStatement q = c.prepareStatement("select c.id, c.practice_claim_id, c.st02, c.bht03, c.trace_number, r.request_json "
                    + "from claim c left join claim_request r on r.claim_key = c.id where c.interchange_id = ? order by c.st02")) {
                q.setFetchSize(64);
                q.setLong(1, interchangeId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        TransactionIds ids = new TransactionIds(rs.getLong("st02"), rs.getString("bht03"),
                                rs.getString("trace_number"), envelopeTime);
                        String request = rs.getString("request_json");
                        if (request == null) {
                            // claim_sendable forbids it; never build an interchange that silently lacks a claim
                            throw new IllegalStateException("claim " + rs.getLong("id") + " of interchange " + interchangeId
                                    + " has no request");
                        }
                        visitor.visit(new ReservedClaim(rs.getLong("id"), rs.getString("practice_claim_id"), ids),
                                requestJson.read(request));
                    }
                }
            }
            return null;
        });
    }

    /** Receives the claims of an interchange one by one. */
    @FunctionalInterface
    public interface RequestVisitor {
        /** One claim of the interchange; the request is PHI. */
        void visit(ReservedClaim claim, RetroAuthorizationRequest request) throws IOException;
    }

    /**
     * Takes a claim out of an interchange in SENDING that has not gone out yet, into {@link ClaimState#ERROR}
     * with the reasons (for example: the 278 built for it failed validation, a defect of retro278). The
     * interchange then holds one transaction set fewer; the claim's control numbers are not reused.
     *
     * @return whether the claim was taken out (false: not READY in that interchange, or the interchange
     *         is not SENDING)
     */
    public boolean dropFromInterchange(long interchangeId, long claimKey, List<Reason> reasons) {
        OffsetDateTime now = now();
        String reasonsJson = json.reasons(reasons);
        return transaction("taking a claim out of an interchange", c -> {
            try (PreparedStatement up = c.prepareStatement("update interchange set transaction_count = transaction_count - 1 "
                    + "where id = ? and state = 'SENDING'")) {
                up.setLong(1, interchangeId);
                if (up.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement up = c.prepareStatement("update claim set state = 'ERROR', interchange_id = null, "
                    + "reasons_json = ?, updated_at = ? where id = ? and interchange_id = ? and state = 'READY'")) {
                Sql.setText(up, 1, reasonsJson);
                Sql.setTime(up, 2, now);
                up.setLong(3, claimKey);
                up.setLong(4, interchangeId);
                if (up.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
            }
            writeEvents(c, List.of(new Event(claimKey, ClaimState.READY, ClaimState.ERROR,
                    "taken out of interchange " + interchangeId + " before it was sent")), now);
            return true;
        });
    }

    /**
     * Records the SHA-256 and size of the bytes built for an interchange in SENDING (so that a re-send
     * after a crash can check it delivers the same bytes).
     *
     * @return whether the interchange was in SENDING and was updated
     */
    public boolean recordInterchangeBytes(long interchangeId, String sha256, long size) {
        String hash = normalizeSha256(sha256);
        return transaction("recording interchange bytes", c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "update interchange set sha256 = ?, size_bytes = ? where id = ? and state = 'SENDING'")) {
                up.setString(1, hash);
                up.setLong(2, size);
                up.setLong(3, interchangeId);
                return up.executeUpdate() == 1;
            }
        });
    }

    /**
     * Marks a delivered interchange SENT and every one of its claims SENT, all or nothing, in one
     * transaction. Calling it again for an interchange already SENT changes nothing and returns false.
     *
     * @return true when this call marked it
     * @throws IllegalStateException when the interchange is FAILED or unknown, or when any of its claims is
     *                               no longer READY (the store would then disagree with what was sent;
     *                               nothing changes and an operator must look)
     */
    public boolean markInterchangeSent(long interchangeId) {
        OffsetDateTime now = now();
        boolean marked = transaction("marking an interchange sent", c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "update interchange set state = 'SENT', sent_at = ? where id = ? and state = 'SENDING'")) {
                Sql.setTime(up, 1, now);
                up.setLong(2, interchangeId);
                if (up.executeUpdate() == 0) {
                    InterchangeState s = interchangeState(c, interchangeId);
                    if (s == InterchangeState.SENT) {
                        return false;
                    }
                    throw new IllegalStateException("interchange " + interchangeId + " is " + s + ", not SENDING");
                }
            }
            Interchange ic = interchange(c, interchangeId).orElseThrow();
            List<ClaimMove> moves = new ArrayList<>();
            for (long key : claimKeysOf(c, interchangeId)) {
                moves.add(new ClaimMove(key, ClaimState.READY, ClaimState.SENT,
                        String.format("sent in interchange ISA13 %09d", ic.isa13())));
            }
            int moved = applyMoves(c, moves, now).size();
            if (moved != ic.transactionCount()) {
                throw new IllegalStateException("interchange ISA13 " + ic.isa13() + " holds " + ic.transactionCount()
                        + " claims but only " + moved + " were READY; nothing was marked");
            }
            return true;
        });
        if (marked) {
            log.info("interchange {} sent", interchangeId);
        }
        return marked;
    }

    /**
     * Records a failed delivery attempt of an interchange in SENDING: one more attempt, the time and
     * the error. The interchange stays SENDING (to be tried again).
     *
     * @param error PHI-free words (no file content), cut to 1,000 characters
     * @return whether the interchange was in SENDING
     */
    public boolean recordSendFailure(long interchangeId, String error) {
        OffsetDateTime now = now();
        boolean recorded = transaction("recording a send failure", c -> {
            try (PreparedStatement up = c.prepareStatement("update interchange set attempts = attempts + 1, "
                    + "last_attempt_at = ?, last_error = ? where id = ? and state = 'SENDING'")) {
                Sql.setTime(up, 1, now);
                Sql.setText(up, 2, Sql.clip(error, 1000));
                up.setLong(3, interchangeId);
                return up.executeUpdate() == 1;
            }
        });
        if (recorded) {
            log.warn("delivery of interchange {} failed; it stays SENDING", interchangeId);
        }
        return recorded;
    }

    /**
     * Gives an interchange in SENDING up for good: FAILED, with the error. Use it only when the payer
     * certainly never received it. Its READY claims are released in the same transaction (no
     * interchange, no control numbers) and go out again in a later reservation with new numbers.
     *
     * @return whether the interchange was in SENDING
     */
    public boolean markInterchangeFailed(long interchangeId, String error) {
        OffsetDateTime now = now();
        int released = transaction("marking an interchange failed", c -> {
            try (PreparedStatement up = c.prepareStatement("update interchange set state = 'FAILED', last_attempt_at = ?, "
                    + "last_error = ? where id = ? and state = 'SENDING'")) {
                Sql.setTime(up, 1, now);
                Sql.setText(up, 2, Sql.clip(error, 1000));
                up.setLong(3, interchangeId);
                if (up.executeUpdate() == 0) {
                    return -1;
                }
            }
            long isa13 = interchange(c, interchangeId).orElseThrow().isa13();
            List<Long> keys = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "select id from claim where interchange_id = ? and state = 'READY' order by id")) {
                q.setLong(1, interchangeId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement up = c.prepareStatement("update claim set interchange_id = null, isa13 = null, gs06 = null, "
                    + "st02 = null, trace_number = null, bht03 = null, updated_at = ? where interchange_id = ? and state = 'READY'")) {
                Sql.setTime(up, 1, now);
                up.setLong(2, interchangeId);
                up.executeUpdate();
            }
            List<Event> events = new ArrayList<>();
            for (long k : keys) {
                events.add(new Event(k, ClaimState.READY, ClaimState.READY,
                        String.format("released: interchange ISA13 %09d failed", isa13)));
            }
            writeEvents(c, events, now);
            return keys.size();
        });
        if (released < 0) {
            return false;
        }
        log.warn("interchange {} given up as FAILED; {} claims released", interchangeId, released);
        return true;
    }

    /** Interchanges in SENDING, oldest first: after a crash, each was reserved and possibly not delivered. */
    /** The interchanges of one payer in SENDING, oldest first. */
    public List<Interchange> interchangesSending(String payerId) {
        return transaction("listing interchanges in SENDING", c -> {
            List<Interchange> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "select " + INTERCHANGE_COLUMNS + " from interchange where state = 'SENDING' and payer_id = ? order by id")) {
                q.setString(1, payerId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(interchange(rs));
                    }
                }
            }
            return out;
        });
    }

    public List<Interchange> interchangesSending() {
        return transaction("listing interchanges in SENDING", c -> {
            List<Interchange> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "select " + INTERCHANGE_COLUMNS + " from interchange where state = 'SENDING' order by id");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(interchange(rs));
                }
            }
            return out;
        });
    }

    /** The interchange with this id. */
    public Optional<Interchange> findInterchange(long interchangeId) {
        return transaction("reading an interchange", c -> interchange(c, interchangeId));
    }

    /** The interchange sent with this ISA13. */
    public Optional<Interchange> findInterchangeByIsa13(long isa13) {
        return transaction("finding an interchange by ISA13", c -> {
            try (PreparedStatement q = c.prepareStatement("select " + INTERCHANGE_COLUMNS + " from interchange where isa13 = ?")) {
                q.setLong(1, isa13);
                return one(q, this::interchange);
            }
        });
    }

    // ---------------------------------------------------------------------------------- internals

    private OffsetDateTime now() {
        return Sql.utc(clock.instant()).truncatedTo(ChronoUnit.MICROS);
    }

    private static String normalizeSha256(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        String h = sha256.toLowerCase(Locale.ROOT);
        if (h.length() != 64 || !h.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            throw new IllegalArgumentException("a SHA-256 is 64 hex digits");
        }
        return h;
    }

    private Optional<ReceivedFile> findOriginal(Connection c, String practiceId, String sha256) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select " + FILE_COLUMNS + " from received_file "
                + "where practice_id = ? and original_sha256 = ?")) {
            q.setString(1, practiceId);
            q.setString(2, sha256);
            return one(q, this::file);
        }
    }

    private ReceivedFile insertFile(Connection c, String practiceId, String fileName, long size, String sha256,
                                    OffsetDateTime now, Long duplicateOf) throws SQLException {
        boolean dup = duplicateOf != null;
        try (PreparedStatement ins = c.prepareStatement("insert into received_file (practice_id, file_name, size_bytes, sha256, "
                + "original_sha256, received_at, outcome, duplicate_of, finished_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            ins.setString(1, practiceId);
            ins.setString(2, fileName);
            ins.setLong(3, size);
            ins.setString(4, sha256);
            Sql.setText(ins, 5, dup ? null : sha256);
            Sql.setTime(ins, 6, now);
            ins.setString(7, (dup ? FileOutcome.DUPLICATE : FileOutcome.RECEIVED).name());
            Sql.setLong(ins, 8, duplicateOf);
            Sql.setTime(ins, 9, dup ? now : null);
            ins.executeUpdate();
            long id = generatedKey(ins);
            return new ReceivedFile(id, practiceId, fileName, size, sha256, now.toInstant(),
                    dup ? FileOutcome.DUPLICATE : FileOutcome.RECEIVED, null, duplicateOf, null, dup ? now.toInstant() : null);
        }
    }

    private boolean finishFile(long fileId, FileOutcome outcome, String reason) {
        OffsetDateTime now = now();
        return transaction("finishing a file", c -> {
            try (PreparedStatement up = c.prepareStatement("update received_file set outcome = ?, refusal_reason = ?, "
                    + "claim_count = (select count(*) from claim where file_id = ?), finished_at = ? "
                    + "where id = ? and outcome = 'RECEIVED'")) {
                up.setString(1, outcome.name());
                Sql.setText(up, 2, reason);
                up.setLong(3, fileId);
                Sql.setTime(up, 4, now);
                up.setLong(5, fileId);
                return up.executeUpdate() == 1;
            }
        });
    }

    private static String practiceOfOpenFile(Connection c, long fileId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select practice_id, outcome from received_file where id = ?")) {
            q.setLong(1, fileId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no received file " + fileId);
                }
                String outcome = rs.getString("outcome");
                if (!FileOutcome.RECEIVED.name().equals(outcome)) {
                    throw new IllegalStateException("file " + fileId + " is " + outcome + "; claims are recorded only from a "
                            + "file being processed");
                }
                return rs.getString("practice_id");
            }
        }
    }

    private static List<Long> claimKeysOf(Connection c, long interchangeId) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select id from claim where interchange_id = ? order by id")) {
            q.setLong(1, interchangeId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getLong(1));
                }
            }
        }
        return keys;
    }

    private static InterchangeState interchangeState(Connection c, long interchangeId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select state from interchange where id = ?")) {
            q.setLong(1, interchangeId);
            return one(q, rs -> InterchangeState.valueOf(rs.getString(1)))
                    .orElseThrow(() -> new IllegalStateException("no interchange " + interchangeId));
        }
    }

    private Optional<Interchange> interchange(Connection c, long interchangeId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select " + INTERCHANGE_COLUMNS + " from interchange where id = ?")) {
            q.setLong(1, interchangeId);
            return one(q, this::interchange);
        }
    }

    private Interchange interchange(ResultSet rs) throws SQLException {
        return new Interchange(rs.getLong("id"), rs.getString("payer_id"), rs.getLong("isa13"), rs.getLong("gs06"),
                rs.getString("file_name"), InterchangeState.valueOf(rs.getString("state")), Sql.localTime(rs, "envelope_time"),
                rs.getInt("transaction_count"), rs.getString("sha256"), Sql.nullableLong(rs, "size_bytes"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at"), rs.getInt("attempts"),
                Sql.instant(rs, "last_attempt_at"), rs.getString("last_error"));
    }

    private ReceivedFile file(ResultSet rs) throws SQLException {
        return new ReceivedFile(rs.getLong("id"), rs.getString("practice_id"), rs.getString("file_name"),
                rs.getLong("size_bytes"), rs.getString("sha256"), Sql.instant(rs, "received_at"),
                FileOutcome.valueOf(rs.getString("outcome")), rs.getString("refusal_reason"),
                Sql.nullableLong(rs, "duplicate_of"), Sql.nullableInt(rs, "claim_count"), Sql.instant(rs, "finished_at"));
    }

    private StoredClaim claim(ResultSet rs) throws SQLException {
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

    private Optional<StoredClaim> findOne(String what, String where, Binder binder) {
        List<StoredClaim> found = findMany(what, where, binder);
        if (found.size() > 1) {
            throw new IllegalStateException(what + ": " + found.size() + " claims match");
        }
        return found.stream().findFirst();
    }

    private List<StoredClaim> findMany(String what, String where, Binder binder) {
        return transaction(what, c -> {
            List<StoredClaim> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select " + CLAIM_COLUMNS + " from claim where " + where)) {
                binder.bind(q);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(claim(rs));
                    }
                }
            }
            return out;
        });
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> Optional<T> one(PreparedStatement q, RowReader<T> reader) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            return rs.next() ? Optional.ofNullable(reader.read(rs)) : Optional.empty();
        }
    }

    private static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.getGeneratedKeys()) {
            if (!rs.next()) {
                throw new SQLException("no generated key returned");
            }
            return rs.getLong(1);
        }
    }

    /** Work done in one transaction on one connection. */
    @FunctionalInterface
    private interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    /**
     * Runs {@code work} in a transaction: commit on return, roll back on any exception. A transaction
     * that fails on a deadlock, a serialization conflict or a lock timeout is run again (up to
     * {@value #MAX_ATTEMPTS} times); other database failures become a {@link StoreException}.
     */
    private <T, X extends Exception> T transaction(String what, Work<T, X> work) throws X {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && isTransient(e)) {
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
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
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
}
