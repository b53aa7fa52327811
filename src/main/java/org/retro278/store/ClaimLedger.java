package org.retro278.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.rules.RejectionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim ledger: claims recorded from a file (with their canonical requests), their guarded moves
 * from state to state with a history row for each, the overdue flag, and the reads of claims the
 * routes need. Every method is one transaction of the {@link Database}.
 */
final class ClaimLedger {

    /** Every room of the store logs as the store, so log settings and lines stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(TransactionStore.class);

    private final Database db;
    private final ReceivedFiles files;

    ClaimLedger(Database db, ReceivedFiles files) {
        this.db = db;
        this.files = files;
    }

    // ---------------------------------------------------------------------------------- claims in

    /** See {@link TransactionStore#recordClaims}. */
    List<Long> recordClaims(long fileId, List<NewClaim> claims) {
        return recordClaims(fileId, claims, false, null);
    }

    /** See {@link TransactionStore#recordReleasedClaims}. */
    TransactionStore.FileRelease recordReleasedClaims(long fileId, List<NewClaim> claims) {
        int[] ready = new int[1];
        List<Long> keys = recordClaims(fileId, claims, true, ready);
        log.debug("{} claims of file {} recorded and released: {} ready", keys.size(), fileId, ready[0]);
        return new TransactionStore.FileRelease(ready[0], keys.size() - ready[0]);
    }

    /**
     * Records claims, as RECEIVED or ({@code release}) at once in the state their file's release would give them:
     * READY when they passed the input rules (and are no duplicate), else REJECTED_LOCALLY, with the same two history
     * rows as a recording and a release. {@code ready[0]} gets how many became READY.
     */
    private List<Long> recordClaims(long fileId, List<NewClaim> claims, boolean release, int[] ready) {
        if (claims.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = db.now();
        // the JSON is made before the transaction so that a retry does not make it again
        List<String> requests = new ArrayList<>(claims.size());
        for (NewClaim n : claims) {
            requests.add(n.request() == null ? null : db.requestJson.write(n.request()));
        }
        int[] duplicates = new int[1];
        List<Long> keys = db.transaction("recording claims", c -> {
            String practiceId = ReceivedFiles.practiceOfOpenFile(c, fileId);
            List<String> identities = new ArrayList<>(claims.size());
            for (NewClaim n : claims) {
                identities.add(n.request() == null ? null : ClaimIdentity.sha256(practiceId, n.request()));
            }
            Map<String, EarlierClaim> earlier = files.earlierClaims(c, practiceId, fileId, claims, identities);
            duplicates[0] = 0;
            List<String> details = new ArrayList<>(claims.size());
            List<ClaimState> states = new ArrayList<>(claims.size());
            List<Long> out = new ArrayList<>(claims.size());
            try (PreparedStatement ins = c.prepareStatement("insert into claim (file_id, practice_id, practice_claim_id, "
                    + "payer_id, state, has_request, file_rows, earliest_service_date, latest_service_date, received_at, "
                    + "updated_at, reasons_json, identity_sha256, ready_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    // the release's rule (ReceivedFiles.releaseFile): no reasons and a request
                    ClaimState state = !release ? ClaimState.RECEIVED
                            : reasons.isEmpty() && requests.get(i) != null ? ClaimState.READY : ClaimState.REJECTED_LOCALLY;
                    states.add(state);
                    ins.setLong(1, fileId);
                    ins.setString(2, practiceId);
                    Sql.setText(ins, 3, n.claimId());
                    Sql.setText(ins, 4, n.payerId());
                    ins.setString(5, state.name());
                    ins.setBoolean(6, requests.get(i) != null);
                    ins.setString(7, db.json.rows(n.rows()));
                    Sql.setDate(ins, 8, n.serviceFrom());
                    Sql.setDate(ins, 9, n.serviceTo());
                    Sql.setTime(ins, 10, now);
                    Sql.setTime(ins, 11, now);
                    Sql.setText(ins, 12, reasons.isEmpty() ? null : db.json.reasons(reasons));
                    Sql.setText(ins, 13, identities.get(i));
                    Sql.setTime(ins, 14, state == ClaimState.READY ? now : null);
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
            List<HistoryEntry> events = new ArrayList<>(release ? 2 * out.size() : out.size());
            int readyNow = 0;
            for (int i = 0; i < out.size(); i++) {
                events.add(new HistoryEntry(out.get(i), null, ClaimState.RECEIVED, details.get(i)));
                if (states.get(i) == ClaimState.READY) {
                    events.add(new HistoryEntry(out.get(i), ClaimState.RECEIVED, ClaimState.READY, ReceivedFiles.PASSED));
                    readyNow++;
                } else if (states.get(i) == ClaimState.REJECTED_LOCALLY) {
                    events.add(new HistoryEntry(out.get(i), ClaimState.RECEIVED, ClaimState.REJECTED_LOCALLY, ReceivedFiles.REFUSED));
                }
            }
            HistoryEntry.writeAll(c, events, now, HistoryCause.intake(fileId));
            if (readyNow > 0) {
                db.claimsBecameReady(); // inside the transaction: said once it has committed (after it, nothing would)
            }
            if (ready != null) {
                ready[0] = readyNow;
            }
            return out;
        });
        log.debug("{} claims of file {} recorded", keys.size(), fileId);
        if (duplicates[0] > 0) {
            log.info("{} claims of file {} repeat claims of earlier files that are in flight or decided: rejected as {}",
                    duplicates[0], fileId, RejectionCode.DUPLICATE_CLAIM.name());
        }
        return keys;
    }

    /** See {@link TransactionStore#retractClaim}. */
    boolean retractClaim(long fileId, String claimId) {
        Objects.requireNonNull(claimId, "claimId");
        return db.transaction("retracting a claim", c -> {
            Long key;
            try (PreparedStatement q = c.prepareStatement("select id from claim where file_id = ? and practice_claim_id = ? "
                    + "and state in ('RECEIVED', 'REJECTED_LOCALLY') and interchange_id is null")) {
                q.setLong(1, fileId);
                q.setString(2, claimId);
                key = Database.one(q, rs -> rs.getLong(1)).orElse(null);
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

    // ---------------------------------------------------------------------------------- state changes

    /**
     * The one place claim states change by move: guarded updates, grouped into batches of consecutive moves
     * to the same state, then a history row for each claim that moved; inside the caller's transaction.
     *
     * @return the moves that happened
     */
    List<ClaimMove> applyMoves(Connection c, List<ClaimMove> moves, OffsetDateTime now, HistoryCause cause) throws SQLException {
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
                    Sql.setText(up, p++, db.json.reasons(m.reasons()));
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
        if (moved.stream().anyMatch(m -> m.to() == ClaimState.READY)) {
            db.claimsBecameReady();
        }
        List<HistoryEntry> events = new ArrayList<>(moved.size());
        for (ClaimMove m : moved) {
            events.add(new HistoryEntry(m.claimKey(), m.from(), m.to(), m.detail()));
        }
        HistoryEntry.writeAll(c, events, now, cause);
        return moved;
    }

    /** See {@link TransactionStore#flagOverdue}. */
    int flagOverdue(Collection<Long> claimKeys, String detail) {
        if (claimKeys.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = db.now();
        List<Long> keys = List.copyOf(claimKeys);
        int flagged = db.transaction("flagging overdue claims", c -> {
            List<HistoryEntry> events = new ArrayList<>();
            try (PreparedStatement up = c.prepareStatement("update claim set overdue = true, updated_at = ? where id = ? "
                    + "and overdue = false and state in ('SENT', 'ACCEPTED', 'PENDED')");
                 PreparedStatement q = c.prepareStatement("select state from claim where id = ?")) {
                for (long k : keys) {
                    Sql.setTime(up, 1, now);
                    up.setLong(2, k);
                    if (up.executeUpdate() == 1) {
                        q.setLong(1, k);
                        ClaimState s = Database.one(q, rs -> ClaimState.valueOf(rs.getString(1))).orElseThrow();
                        events.add(new HistoryEntry(k, s, s, detail == null ? "overdue" : "overdue: " + detail));
                    }
                }
            }
            HistoryEntry.writeAll(c, events, now, HistoryCause.deadlineWatch());
            return events.size();
        });
        if (flagged > 0) {
            log.info("{} claims flagged overdue", flagged);
        }
        return flagged;
    }

    // ---------------------------------------------------------------------------------- claims out

    /** The claims recorded from a file, in the order they were recorded. */
    List<StoredClaim> claimsOfFile(long fileId) {
        return findMany("reading the claims of a file", "file_id = ? order by id", ps -> ps.setLong(1, fileId));
    }

    /** See {@link TransactionStore#forEachClaimOfFile}. */
    void forEachClaimOfFile(long fileId, TransactionStore.ClaimVisitor visitor) throws IOException {
        db.transaction("reading the claims of a file", c -> {
            try (PreparedStatement q = c.prepareStatement("select " + Database.CLAIM_COLUMNS
                    + " from claim where file_id = ? order by id")) {
                q.setFetchSize(256);
                q.setLong(1, fileId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        visitor.visit(db.claim(rs));
                    }
                }
            }
            return null;
        });
    }

    /** See {@link TransactionStore#lateClaims}. */
    List<TransactionStore.LateClaim> lateClaims(String payerId, Instant sentBefore, Instant acceptedBefore, Instant pendedBefore) {
        return db.transaction("finding late claims", c -> {
            List<TransactionStore.LateClaim> out = new ArrayList<>();
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
                        out.add(new TransactionStore.LateClaim(rs.getLong("id"), rs.getString("practice_claim_id"), st, since));
                    }
                }
            }
            return out;
        });
    }

    /** See {@link TransactionStore#readyQueue}. */
    Optional<ReadyQueue> readyQueue(String payerId, int countUpTo) {
        return db.transaction("looking at the READY claims of a payer", c -> {
            // the oldest first off the queue index, then a count that stops at countUpTo: never a count of the whole queue
            Instant oldest;
            try (PreparedStatement q = c.prepareStatement("select ready_at from claim where payer_id = ? and state = 'READY' "
                    + "and interchange_id is null order by ready_at, id limit 1")) {
                q.setString(1, payerId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ReadyQueue>empty();
                    }
                    oldest = Sql.instant(rs, "ready_at");
                }
            }
            long waiting = 1;
            if (countUpTo > 1) {
                try (PreparedStatement q = c.prepareStatement("select count(*) from (select 1 as one from claim where payer_id = ? "
                        + "and state = 'READY' and interchange_id is null order by ready_at, id limit ?) w")) {
                    q.setString(1, payerId);
                    q.setInt(2, countUpTo);
                    waiting = Database.one(q, rs -> rs.getLong(1)).orElse(0L);
                }
            }
            return Optional.of(new ReadyQueue(payerId, waiting, oldest));
        });
    }

    /** The canonical request of a claim (PHI), read inside the caller's transaction, or empty when it has none. */
    Optional<RetroAuthorizationRequest> request(Connection c, long claimKey) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select request_json from claim_request where claim_key = ?")) {
            q.setLong(1, claimKey);
            return Database.one(q, rs -> rs.getString(1)).filter(Objects::nonNull).map(db.requestJson::read);
        }
    }

    /** The one claim matching {@code where}, or empty; more than one is a defect. */
    Optional<StoredClaim> findOne(String what, String where, Database.Binder binder) {
        List<StoredClaim> found = findMany(what, where, binder);
        if (found.size() > 1) {
            throw new IllegalStateException(what + ": " + found.size() + " claims match");
        }
        return found.stream().findFirst();
    }

    /** The claims matching {@code where} (which may end in an order and a limit), in one transaction. */
    List<StoredClaim> findMany(String what, String where, Database.Binder binder) {
        return db.transaction(what, c -> {
            List<StoredClaim> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select " + Database.CLAIM_COLUMNS + " from claim where " + where)) {
                binder.bind(q);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(db.claim(rs));
                    }
                }
            }
            return out;
        });
    }
}
