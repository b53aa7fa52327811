package org.retro278.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim files practices dropped, from arrival to the end of their intake: the duplicate-file check
 * (the same bytes again), the claim-identity lookup that catches the same claims in other bytes, the
 * release or restart of a file's intake and the bookkeeping of its published status.
 */
final class ReceivedFiles {

    /** Every room of the store logs as the store, so log settings and lines stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(TransactionStore.class);

    /** Claims looked up by identity per query: one indexed IN list, well within both engines' parameter limits. */
    static final int IDENTITY_LOOKUP = 500;

    /** The states that make a claim dropped again a duplicate, as SQL literals (ClaimState holds the policy). */
    private static final String BLOCKING_STATES = String.join(", ", Arrays.stream(ClaimState.values())
            .filter(ClaimState::blocksRedrop).map(st -> "'" + st.name() + "'").toList());

    /** The history's words for the two ways out of RECEIVED (a release, or a chunk recorded and released at once). */
    static final String PASSED = "passed the input rules";
    static final String REFUSED = "rejected by the input rules";

    private final Database db;

    ReceivedFiles(Database db) {
        this.db = db;
    }

    /** See {@link TransactionStore#recordReceivedFile}. */
    ReceivedFile recordReceivedFile(String practiceId, String fileName, long size, String sha256, Long sourceModified) {
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(fileName, "fileName");
        String hash = Database.normalizeSha256(sha256);
        OffsetDateTime now = db.now();
        Optional<ReceivedFile> original = db.transaction("looking up earlier files", c -> findOriginal(c, practiceId, hash));
        if (original.isEmpty()) {
            try {
                ReceivedFile f = db.transaction("recording a received file",
                        c -> insertFile(c, practiceId, fileName, size, hash, now, null, sourceModified));
                log.info("file {} from practice {} recorded", f.id(), practiceId);
                return f;
            } catch (StoreException e) {
                if (!e.isUniqueViolation()) {
                    throw e;
                }
                // the same bytes were recorded by someone else a moment ago
            }
            original = db.transaction("looking up earlier files", c -> findOriginal(c, practiceId, hash));
        }
        long originalId = original.orElseThrow(() -> new IllegalStateException("the first copy vanished")).id();
        ReceivedFile dup = db.transaction("recording a duplicate file",
                c -> insertFile(c, practiceId, fileName, size, hash, now, originalId, sourceModified));
        log.info("file {} from practice {} repeats file {}: recorded as a duplicate, not processed", dup.id(), practiceId,
                originalId);
        return dup;
    }

    /** See {@link TransactionStore#markFileRefused}. */
    boolean markFileRefused(long fileId, String reason) {
        Objects.requireNonNull(reason, "reason");
        boolean changed = finish(fileId, FileOutcome.REFUSED, reason);
        if (changed) {
            log.info("file {} refused", fileId);
        }
        return changed;
    }

    /**
     * Gives a file in {@link FileOutcome#RECEIVED} its final outcome, counting the claims recorded from it.
     *
     * @return whether the file changed
     */
    boolean finish(long fileId, FileOutcome outcome, String reason) {
        OffsetDateTime now = db.now();
        return db.transaction("finishing a file", c -> {
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

    /** The file with this id. */
    Optional<ReceivedFile> findFile(long fileId) {
        return db.transaction("reading a file", c -> {
            try (PreparedStatement q = c.prepareStatement("select " + Database.FILE_COLUMNS + " from received_file where id = ?")) {
                q.setLong(1, fileId);
                return Database.one(q, db::file);
            }
        });
    }

    /** The first copy of these bytes from this practice, if it sent them before. */
    Optional<ReceivedFile> findFirstCopy(String practiceId, String sha256) {
        String hash = Database.normalizeSha256(sha256);
        return db.transaction("looking up earlier files", c -> findOriginal(c, practiceId, hash));
    }

    /**
     * Whether a file is the very one recorded as {@code fileId}, still on the practice's server: the same name,
     * size and server modification time (a crash after its intake committed and before it was moved).
     */
    boolean isSameSourceFile(long fileId, String fileName, long size, long sourceModified) {
        return db.anyRow("looking up a file", "select count(*) from received_file where id = ? and file_name = ? "
                + "and size_bytes = ? and source_modified = ?", q -> {
                    q.setLong(1, fileId);
                    q.setString(2, fileName);
                    q.setLong(3, size);
                    q.setLong(4, sourceModified);
                });
    }

    /** Whether another, earlier file of the practice had this name. */
    boolean fileNameUsedBefore(String practiceId, String fileName, long fileId) {
        return db.anyRow("looking up file names", "select count(*) from received_file where practice_id = ? "
                + "and file_name = ? and id < ? and outcome <> 'DUPLICATE'", q -> {
                    q.setString(1, practiceId);
                    q.setString(2, fileName);
                    q.setLong(3, fileId);
                });
    }

    /** See {@link TransactionStore#filesWithNewStatus}. */
    List<ReceivedFile> filesWithNewStatus(String practiceId) {
        return db.transaction("finding files whose status changed", c -> {
            try (PreparedStatement q = c.prepareStatement("select " + Database.FILE_COLUMNS + " from received_file f "
                    + "where f.practice_id = ? "
                    + "and f.outcome = 'PROCESSED' and exists (select 1 from claim c where c.file_id = f.id and "
                    + "(f.status_published_at is null or c.updated_at > f.status_published_at)) order by f.id")) {
                q.setString(1, practiceId);
                return Database.all(q, db::file);
            }
        });
    }

    /** See {@link TransactionStore#statusPublished}. */
    boolean statusPublished(long fileId, Instant asOf) {
        return db.transaction("recording a published status", c -> {
            try (PreparedStatement up = c.prepareStatement("update received_file set status_published_at = ? where id = ? "
                    + "and (status_published_at is null or status_published_at < ?)")) {
                Sql.setTime(up, 1, Sql.utc(asOf));
                up.setLong(2, fileId);
                Sql.setTime(up, 3, Sql.utc(asOf));
                return up.executeUpdate() == 1;
            }
        });
    }

    // ---------------------------------------------------------------------------------- the end of an intake

    /** See {@link TransactionStore#releaseFile}. */
    TransactionStore.FileRelease releaseFile(long fileId) {
        OffsetDateTime now = db.now();
        TransactionStore.FileRelease r = db.transaction("releasing a file", c -> {
            practiceOfOpenFile(c, fileId);
            // each way out of RECEIVED is one statement, its history rows one more, written first from the same rows
            // (nothing else moves the claims of a file being taken in) (docs/store.md)
            String passed = "file_id = ? and state = 'RECEIVED' and reasons_json is null and has_request";
            int readyEvents = HistoryEntry.writeMoved(c, passed, fileId, ClaimState.RECEIVED, ClaimState.READY,
                    PASSED, now, HistoryCause.intake(fileId));
            int ready = Database.update(c, "update claim set state = 'READY', ready_at = ?, updated_at = ? where " + passed, up -> {
                Sql.setTime(up, 1, now);
                Sql.setTime(up, 2, now);
                up.setLong(3, fileId);
            });
            String refused = "file_id = ? and state = 'RECEIVED'";
            int rejectedEvents = HistoryEntry.writeMoved(c, refused, fileId, ClaimState.RECEIVED, ClaimState.REJECTED_LOCALLY,
                    REFUSED, now, HistoryCause.intake(fileId));
            int rejected = Database.update(c, "update claim set state = 'REJECTED_LOCALLY', updated_at = ? where " + refused, up -> {
                Sql.setTime(up, 1, now);
                up.setLong(2, fileId);
            });
            if (ready > 0) {
                db.claimsBecameReady();
            }
            if (ready != readyEvents || rejected != rejectedEvents) {
                throw new SQLException("claims of file " + fileId + " changed while it was released", "40001");
            }
            try (PreparedStatement up = c.prepareStatement("update received_file set outcome = 'PROCESSED', finished_at = ?, "
                    + "claim_count = (select count(*) from claim where file_id = ?) where id = ? and outcome = 'RECEIVED'")) {
                Sql.setTime(up, 1, now);
                up.setLong(2, fileId);
                up.setLong(3, fileId);
                up.executeUpdate();
            }
            return new TransactionStore.FileRelease(ready, rejected);
        });
        log.info("file {} released: {} claims ready, {} rejected locally", fileId, r.ready(), r.rejected());
        return r;
    }

    /** See {@link TransactionStore#restartFile}. */
    int restartFile(long fileId) {
        int n = db.transaction("restarting a file", c -> {
            practiceOfOpenFile(c, fileId);
            // claims a chunk released stay: they may be on their way to the payer (docs/reliability.md)
            String unreleased = "select id from claim where file_id = ? and state = 'RECEIVED'";
            for (String table : List.of("claim_event", "claim_request")) {
                try (PreparedStatement d = c.prepareStatement("delete from " + table + " where claim_key in (" + unreleased + ")")) {
                    d.setLong(1, fileId);
                    d.executeUpdate();
                }
            }
            try (PreparedStatement d = c.prepareStatement("delete from claim where file_id = ? and state = 'RECEIVED'")) {
                d.setLong(1, fileId);
                return d.executeUpdate();
            }
        });
        log.info("file {} restarted: {} claims of an interrupted intake forgotten", fileId, n);
        return n;
    }

    /** See {@link TransactionStore#releasedRows}. */
    BitSet releasedRows(long fileId) {
        return db.transaction("reading the claims a file released", c -> {
            BitSet first = new BitSet();
            try (PreparedStatement q = c.prepareStatement("select file_rows from claim where file_id = ? and state <> 'RECEIVED'")) {
                q.setLong(1, fileId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        List<Long> rows = db.json.rows(rs.getString(1));
                        if (!rows.isEmpty()) {
                            first.set(Math.toIntExact(rows.get(0)));
                        }
                    }
                }
            }
            return first;
        });
    }

    /**
     * The practice of a file whose intake is under way, inside the caller's transaction.
     *
     * @throws IllegalStateException when the file is not in {@link FileOutcome#RECEIVED}
     */
    static String practiceOfOpenFile(Connection c, long fileId) throws SQLException {
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

    // ---------------------------------------------------------------------------------- duplicates

    /**
     * For the claims that passed the input rules, the first earlier claim of another file of the practice with
     * the same identity and a state that blocks a re-drop, by identity: one indexed query per
     * {@value #IDENTITY_LOOKUP} claims, inside the caller's transaction.
     */
    Map<String, EarlierClaim> earlierClaims(Connection c, String practiceId, long fileId, List<NewClaim> claims,
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

    private Optional<ReceivedFile> findOriginal(Connection c, String practiceId, String sha256) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select " + Database.FILE_COLUMNS + " from received_file "
                + "where practice_id = ? and original_sha256 = ?")) {
            q.setString(1, practiceId);
            q.setString(2, sha256);
            return Database.one(q, db::file);
        }
    }

    private static final String INSERT_FILE = "insert into received_file (practice_id, file_name, size_bytes, sha256, "
            + "original_sha256, received_at, outcome, duplicate_of, finished_at, source_modified) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private ReceivedFile insertFile(Connection c, String practiceId, String fileName, long size, String sha256,
                                    OffsetDateTime now, Long duplicateOf, Long sourceModified) throws SQLException {
        boolean dup = duplicateOf != null;
        long id = Database.insert(c, INSERT_FILE, ins -> {
            ins.setString(1, practiceId);
            ins.setString(2, fileName);
            ins.setLong(3, size);
            ins.setString(4, sha256);
            Sql.setText(ins, 5, dup ? null : sha256);
            Sql.setTime(ins, 6, now);
            ins.setString(7, (dup ? FileOutcome.DUPLICATE : FileOutcome.RECEIVED).name());
            Sql.setLong(ins, 8, duplicateOf);
            Sql.setTime(ins, 9, dup ? now : null);
            Sql.setLong(ins, 10, sourceModified);
        });
        return new ReceivedFile(id, practiceId, fileName, size, sha256, now.toInstant(),
                dup ? FileOutcome.DUPLICATE : FileOutcome.RECEIVED, null, duplicateOf, null, dup ? now.toInstant() : null);
    }
}
