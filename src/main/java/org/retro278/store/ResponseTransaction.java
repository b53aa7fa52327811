package org.retro278.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.retro278.model.RetroAuthorizationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One payer's response file applied in ONE transaction: {@link #apply} records the file, hands the work a
 * {@link ResponseSession} on the transaction's connection (this class), and commits what the work did with
 * its history; the same bytes again are a duplicate and change nothing.
 */
final class ResponseTransaction implements ResponseSession {

    /** Every room of the store logs as the store, so log settings and lines stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(TransactionStore.class);

    private final Database db;
    private final ClaimLedger claims;
    private final Connection c;
    private final long fileId;
    private final OffsetDateTime now;
    private final HistoryCause cause;
    /** Put before the detail of every change: says in the history that the file was applied again. */
    private final String detailPrefix;
    private final List<HistoryEntry> events = new ArrayList<>();
    private int changedCount;

    private ResponseTransaction(Database db, ClaimLedger claims, Connection c, long fileId, OffsetDateTime now,
                                HistoryCause cause, String detailPrefix) {
        this.db = db;
        this.claims = claims;
        this.c = c;
        this.fileId = fileId;
        this.now = now;
        this.cause = cause;
        this.detailPrefix = detailPrefix;
    }


    /** See {@link TransactionStore#applyResponseFile}. */
    static TransactionStore.AppliedResponseFile apply(Database db, ClaimLedger claims, String payerId, String fileName,
                                                      String sha256, ResponseSession.Work work) throws IOException {
        return apply(db, claims, payerId, fileName, sha256, work, (c, now) -> { });
    }

    /** What must commit with the answers of a response, before them, in the same transaction (a real-time call's outcome). */
    @FunctionalInterface
    interface Before {
        void run(Connection c, OffsetDateTime now) throws SQLException;
    }

    /** {@link #apply}, with {@code before} run first in its transaction, whether or not these bytes were applied before. */
    static TransactionStore.AppliedResponseFile apply(Database db, ClaimLedger claims, String payerId, String fileName,
                                                      String sha256, ResponseSession.Work work, Before before) throws IOException {
        String hash = Database.normalizeSha256(sha256);
        OffsetDateTime now = db.now();
        TransactionStore.AppliedResponseFile out = db.transaction("applying a response file", c -> {
            before.run(c, now);
            Optional<Long> earlier = recorded(c, payerId, hash);
            if (earlier.isPresent()) {
                return new TransactionStore.AppliedResponseFile(earlier.get(), true, new ResponseSession.Tally(0, 0, 0, 0));
            }
            long id = record(c, payerId, fileName, hash, now);
            ResponseTransaction session = new ResponseTransaction(db, claims, c, id, now, HistoryCause.response(id), "");
            return new TransactionStore.AppliedResponseFile(id, false, session.run(work));
        });
        if (!out.duplicate()) {
            log.info("response file {} of payer {} applied: {} item(s), {} matched, {} unmatched", out.id(), payerId,
                    out.tally().items(), out.tally().matched(), out.tally().unmatched());
        }
        return out;
    }

    /**
     * An operator applies a response file again ({@code retro278 reapply}), after a fix: the same work, in one
     * transaction, whether or not these bytes were applied before. Every move is guarded as always, so what was
     * applied before moves nothing again; the answers that match nothing are found afresh (those kept from an
     * earlier application are replaced). The changes are the operator's in the history, each saying the file was
     * applied again; when nothing changes, the history gains nothing.
     */
    static OperatorActions.Reapplied reapply(Database db, ClaimLedger claims, String payerId, String fileName, String sha256, String operator,
                             ResponseSession.Work work) throws IOException {
        String hash = Database.normalizeSha256(sha256);
        OffsetDateTime now = db.now();
        OperatorActions.Reapplied out = db.transaction("applying a response file again", c -> {
            Optional<Long> earlier = recorded(c, payerId, hash);
            long id = earlier.isPresent() ? earlier.get() : record(c, payerId, fileName, hash, now);
            if (earlier.isPresent()) {
                try (PreparedStatement d = c.prepareStatement("delete from unmatched_response where response_file_id = ?")) {
                    d.setLong(1, id);
                    d.executeUpdate();
                }
            }
            ResponseTransaction session = new ResponseTransaction(db, claims, c, id, now,
                    HistoryCause.operatorResponse(operator, id), earlier.isPresent() ? "response file " + id + " applied again: " : "");
            ResponseSession.Tally tally = session.run(work);
            return new OperatorActions.Reapplied(id, earlier.isPresent(), tally, session.changedCount);
        });
        log.info("response file {} of payer {} applied again by an operator: {} item(s), {} matched, {} unmatched, {} claim(s)"
                + " changed", out.responseFileId(), payerId, out.tally().items(), out.tally().matched(), out.tally().unmatched(), out.claimsChanged());
        return out;
    }

    private static Optional<Long> recorded(Connection c, String payerId, String hash) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select id from response_file where payer_id = ? and sha256 = ?")) {
            q.setString(1, payerId);
            q.setString(2, hash);
            return Database.one(q, rs -> rs.getLong(1));
        }
    }

    private static long record(Connection c, String payerId, String fileName, String hash, OffsetDateTime now) throws SQLException {
        return Database.insert(c, "insert into response_file (payer_id, file_name, sha256, received_at, items, matched, "
                + "unmatched, problems) values (?, ?, ?, ?, 0, 0, 0, 0)", ins -> {
            ins.setString(1, payerId);
            ins.setString(2, Sql.clip(fileName, 255));
            ins.setString(3, hash);
            Sql.setTime(ins, 4, now);
        });
    }

    /** Runs the work on this session, writes its history and the file's counts: the body of both transactions. */
    private ResponseSession.Tally run(ResponseSession.Work work) throws IOException, SQLException {
        ResponseSession.Tally tally = work.apply(this);
        List<Long> changed = changedClaims();
        changedCount = changed.size();
        flushEvents();
        try (PreparedStatement up = c.prepareStatement("update response_file set items = ?, matched = ?, unmatched = ?, "
                + "problems = ? where id = ?")) {
            up.setInt(1, tally.items());
            up.setInt(2, tally.matched());
            up.setInt(3, tally.unmatched());
            up.setInt(4, tally.problems());
            up.setLong(5, fileId);
            up.executeUpdate();
        }
        // Reading the file inside this transaction takes a while (seconds for a large one), and the claims were
        // stamped when it began: a status publication that read the claims meanwhile (before this commit) and
        // recorded its own later time as published would never see these changes (StatusFiles compares
        // updated_at with that time). So the changed claims are stamped again now, just before the commit.
        if (!changed.isEmpty()) {
            OffsetDateTime committing = db.now();
            try (PreparedStatement up = c.prepareStatement("update claim set updated_at = ? where id = ?")) {
                for (long key : changed) {
                    Sql.setTime(up, 1, committing);
                    up.setLong(2, key);
                    up.addBatch();
                }
                up.executeBatch();
            }
        }
        return tally;
    }

    private List<StoredClaim> claims(String where, Object... args) {
        try (PreparedStatement q = c.prepareStatement("select " + Database.CLAIM_COLUMNS + " from claim where " + where
                + " order by id")) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            List<StoredClaim> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(db.claim(rs));
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
        try {
            return claims.request(c, claimKey);
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
            Sql.setText(up, p++, reasons.isEmpty() ? null : db.json.reasons(reasons));
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
        events.add(new HistoryEntry(key, current, to, detailPrefix + detail));
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

    private List<Long> changedClaims() {
        return events.stream().map(HistoryEntry::claimKey).distinct().toList();
    }

    private void flushEvents() throws SQLException {
        HistoryEntry.writeAll(c, events, now, cause);
        events.clear();
    }
}
