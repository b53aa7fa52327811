package org.retro278.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's room for what an operator changes ({@link OperatorActions}): resubmitting a claim, applying a response
 * file again, purging what retention lets go. Each is one transaction of the {@link Database}; moves go through the
 * {@link ClaimLedger}'s guarded moves, so a claim the adapter changed meanwhile is refused, never overwritten.
 */
final class OperatorChanges implements OperatorActions {

    /** Every room of the store logs as the store, so log settings and lines stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(TransactionStore.class);

    private static final String FINAL_STATES = "(" + Sql.states(ClaimState::isFinal) + ")";

    private final Database db;
    private final ClaimLedger claims;

    OperatorChanges(Database db, ClaimLedger claims) {
        this.db = db;
        this.claims = claims;
    }

    // ---------------------------------------------------------------------------------- resubmit

    @Override
    public Resubmit resubmit(long claimKey, String operator, String reason) {
        OffsetDateTime now = db.now();
        Resubmit done = db.transaction("resubmitting a claim", c -> {
            StoredClaim claim;
            boolean hasRequest;
            boolean purged;
            try (PreparedStatement q = c.prepareStatement("select " + Database.CLAIM_COLUMNS + ", has_request, purged_at, "
                    + "identity_sha256 from claim where id = ?")) {
                q.setLong(1, claimKey);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return new Resubmit(claimKey, null, null, false, "no claim with this key", null);
                    }
                    claim = db.claim(rs);
                    hasRequest = rs.getBoolean("has_request");
                    purged = rs.getObject("purged_at") != null;
                    String identity = rs.getString("identity_sha256");
                    Optional<String> refusal = ResubmitRule.refusal(claim, hasRequest, purged)
                            .or(() -> identity == null ? Optional.empty() : sameClaimInFlight(c, claimKey, identity));
                    if (refusal.isPresent()) {
                        return new Resubmit(claimKey, claim.claimId(), claim.state(), false, refusal.get(), claim.traceNumber());
                    }
                }
            }
            String detail = "resubmitted as a new request" + (claim.traceNumber() == null ? "" : " (was trace "
                    + claim.traceNumber() + (claim.isa13() == null ? "" : String.format(Locale.ROOT, ", ISA13 %09d", claim.isa13()))
                    + ")") + ": " + reason;
            List<ClaimMove> moved = claims.applyMoves(c, List.of(new ClaimMove(claimKey, claim.state(), ClaimState.READY, detail)),
                    now, HistoryCause.operator(operator));
            if (moved.isEmpty()) {
                return new Resubmit(claimKey, claim.claimId(), claim.state(), false, "it changed meanwhile; look again", null);
            }
            // the payer's answer to the earlier request is not an answer to the new one
            try (PreparedStatement up = c.prepareStatement("update claim set sent_at = null, acknowledged_at = null, "
                    + "decided_at = null, authorization_number = null, decision_code = null, admin_reference = null, "
                    + "response_json = null where id = ?")) {
                up.setLong(1, claimKey);
                up.executeUpdate();
            }
            return new Resubmit(claimKey, claim.claimId(), claim.state(), true, null, claim.traceNumber());
        });
        if (done.resubmitted()) {
            log.info("claim {} resubmitted by an operator: {} -> READY", claimKey, done.was());
        }
        return done;
    }

    /** Another claim with the same identity (the same claim dropped again) that is in flight or decided, in words. */
    private static Optional<String> sameClaimInFlight(Connection c, long claimKey, String identity) {
        try (PreparedStatement q = c.prepareStatement("select id, file_id, state from claim where identity_sha256 = ? "
                + "and id <> ? order by id")) {
            q.setString(1, identity);
            q.setLong(2, claimKey);
            return Database.all(q, rs -> {
                ClaimState s = ClaimState.valueOf(rs.getString("state"));
                return s.blocksRedrop() ? "the same claim came again as claim " + rs.getLong("id") + " of file "
                        + rs.getLong("file_id") + ", which is " + s + ": resend that one if anything" : null;
            }).stream().filter(Objects::nonNull).findFirst();
        } catch (SQLException e) {
            throw new StoreException("looking for the same claim", e);
        }
    }

    // ---------------------------------------------------------------------------------- reapply

    @Override
    public Reapplied reapplyResponseFile(String payerId, String fileName, String sha256, String operator,
                                         ResponseSession.Work work) throws IOException {
        return ResponseTransaction.reapply(db, claims, payerId, fileName, sha256, operator, work);
    }

    // ---------------------------------------------------------------------------------- purge

    @Override
    public List<PurgedFile> purge(Instant before, int maxFiles) {
        OffsetDateTime now = db.now();
        OffsetDateTime cutoff = Sql.utc(before);
        List<PurgedFile> purged = db.transaction("purging claim files", c -> {
            List<PurgedFile> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select f.id, f.practice_id, f.file_name, "
                    + "(select count(*) from claim n where n.file_id = f.id) as claims, "
                    + "exists (select 1 from received_file e where e.practice_id = f.practice_id and e.file_name = f.file_name "
                    + "and e.id < f.id) as used_before from received_file f "
                    + "where f.purged_at is null and f.received_at < ? and f.outcome <> 'RECEIVED' "
                    + "and not exists (select 1 from claim k where k.file_id = f.id and (k.state not in " + FINAL_STATES
                    + " or k.updated_at >= ?)) order by f.received_at, f.id limit ?")) {
                Sql.setTime(q, 1, cutoff);
                Sql.setTime(q, 2, cutoff);
                q.setInt(3, maxFiles);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PurgedFile(rs.getLong("id"), rs.getString("practice_id"), rs.getString("file_name"),
                                rs.getBoolean("used_before"), rs.getInt("claims")));
                    }
                }
            }
            for (PurgedFile f : out) {
                tombstone(c, f.fileId(), now);
            }
            return out;
        });
        if (!purged.isEmpty()) {
            log.info("retention: {} claim file(s) with {} claim(s) purged to tombstones", purged.size(),
                    purged.stream().mapToInt(PurgedFile::claims).sum());
        }
        return purged;
    }

    /** Reduces a file and its claims to their tombstones, inside the caller's transaction. */
    private static void tombstone(Connection c, long fileId, OffsetDateTime now) throws SQLException {
        for (String sql : List.of(
                "delete from claim_request where claim_key in (select id from claim where file_id = ?)",
                // an operator's words (a resubmit's reason) are the one free text in a history
                "update claim_event set detail = null where actor like '" + HistoryCause.OPERATOR + " %' "
                        + "and claim_key in (select id from claim where file_id = ?)",
                "update claim set has_request = false, reasons_json = null, response_json = null, file_rows = '[]', "
                        + "earliest_service_date = null, latest_service_date = null, purged_at = ? where file_id = ?",
                "update received_file set file_name = '(purged)', refusal_reason = null, purged_at = ? where id = ?")) {
            try (PreparedStatement up = c.prepareStatement(sql)) {
                if (sql.contains("purged_at = ?")) {
                    Sql.setTime(up, 1, now);
                    up.setLong(2, fileId);
                } else {
                    up.setLong(1, fileId);
                }
                up.executeUpdate();
            }
        }
    }
}
