package org.retro278.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of real-time (CAQH CORE) payer gateways: each call is recorded, with its PayloadID, in the
 * transaction before it is made (on the interchange: attempts and last attempt time; in the claim's history), and
 * its outcome in the transaction that records what it brought, together with the claim's move (V11, {@code
 * core_attempt}). A call whose outcome was never recorded was cut short by a stop of the process: the request may
 * have reached the payer. Interchanges here hold one claim each. docs/reliability.md, "Real-time payers".
 */
public final class RealTimeLedger {

    /** Every room of the store logs as the store, so log settings and lines stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(TransactionStore.class);

    /** What became of one call. */
    public enum Outcome {
        /** The gateway answered: an X12 answer (applied, or kept for an operator) or an envelope error. */
        ANSWERED,
        /** The request certainly never reached the payer: no connection, TLS or the credential refused. */
        NOT_SENT,
        /** The request may have reached the payer and no answer came. */
        NO_ANSWER
    }

    /**
     * One call of an interchange.
     *
     * @param attempt its number for the interchange, from 1
     * @param outcome {@code null} while it is under way, or when the process stopped during it
     */
    public record Call(String payloadId, int attempt, Instant attemptedAt, Outcome outcome) {
    }

    /**
     * An interchange a real-time call may still be due for, with its calls in order.
     *
     * @param claimState the state of its claim, or {@code null} when it holds none
     */
    public record OpenInterchange(Interchange interchange, ClaimState claimState, List<Call> calls) {
        public OpenInterchange {
            calls = List.copyOf(calls);
        }
    }

    private final Database db;
    private final ClaimLedger claims;
    private final InterchangeLedger interchanges;

    RealTimeLedger(Database db, ClaimLedger claims, InterchangeLedger interchanges) {
        this.db = db;
        this.claims = claims;
        this.interchanges = interchanges;
    }

    /**
     * The interchanges of a payer a call may still be due for, oldest first: those in SENDING (never sent, or every
     * call failed before reaching the payer, or a call was cut short), and those SENT with calls not settled (a call
     * without an answer, its claim perhaps answered meanwhile by another path).
     */
    public List<OpenInterchange> open(String payerId) {
        return db.transaction("listing open real-time interchanges", c -> {
            Set<Long> ids = new LinkedHashSet<>();
            try (PreparedStatement q = c.prepareStatement("select id from interchange where state = 'SENDING' and payer_id = ? "
                    + "union select a.interchange_id from core_attempt a join interchange i on i.id = a.interchange_id "
                    + "where a.settled = false and i.payer_id = ? and i.state = 'SENT' order by 1")) {
                q.setString(1, payerId);
                q.setString(2, payerId);
                Database.forEach(q, rs -> ids.add(rs.getLong(1)));
            }
            List<OpenInterchange> out = new ArrayList<>(ids.size());
            for (long id : ids) {
                Interchange i = interchanges.interchange(c, id).orElseThrow();
                out.add(new OpenInterchange(i, claimState(c, id).orElse(null), calls(c, id)));
            }
            return out;
        });
    }

    /**
     * Records a call about to be made, in its own transaction: the call with its PayloadID and time, the
     * interchange's attempts and last attempt time, and a row of its claim's history naming the PayloadID.
     *
     * @return the call as recorded
     * @throws IllegalStateException when the interchange is neither SENDING nor SENT
     */
    public Call recordCall(long interchangeId, String payloadId) {
        OffsetDateTime now = db.now();
        Call call = db.transaction("recording a real-time call", c -> {
            Interchange i = interchanges.interchange(c, interchangeId).orElseThrow(
                    () -> new IllegalStateException("no interchange " + interchangeId));
            if (i.state() != InterchangeState.SENDING && i.state() != InterchangeState.SENT) {
                throw new IllegalStateException("interchange " + interchangeId + " is " + i.state());
            }
            int n;
            try (PreparedStatement q = c.prepareStatement("select coalesce(max(attempt), 0) from core_attempt where interchange_id = ?")) {
                q.setLong(1, interchangeId);
                n = Database.one(q, rs -> rs.getInt(1)).orElse(0) + 1;
            }
            int attempt = n;
            Database.update(c, "insert into core_attempt (payload_id, interchange_id, attempt, attempted_at) values (?, ?, ?, ?)", ins -> {
                ins.setString(1, payloadId);
                ins.setLong(2, interchangeId);
                ins.setInt(3, attempt);
                Sql.setTime(ins, 4, now);
            });
            Database.update(c, "update interchange set attempts = attempts + 1, last_attempt_at = ? where id = ?", up -> {
                Sql.setTime(up, 1, now);
                up.setLong(2, interchangeId);
            });
            history(c, interchangeId, String.format("real-time call %d of interchange ISA13 %09d, PayloadID %s", attempt,
                    i.isa13(), payloadId), now);
            return new Call(payloadId, attempt, now.toInstant(), null);
        });
        log.info("interchange {}: real-time call {} recorded, PayloadID {}", interchangeId, call.attempt(), payloadId);
        return call;
    }

    /**
     * The request certainly never reached the payer: the interchange stays as it is (SENDING: tried again after the
     * back-off) with the words as its last error and in the claim's history.
     *
     * @return whether the call was still without an outcome
     */
    public boolean recordNotSent(long interchangeId, String payloadId, String words) {
        OffsetDateTime now = db.now();
        return db.transaction("recording a real-time call that was not sent", c -> {
            if (!outcome(c, payloadId, Outcome.NOT_SENT, words, false)) {
                return false;
            }
            lastError(c, interchangeId, words);
            history(c, interchangeId, "real-time call PayloadID " + payloadId + " did not reach the payer: " + words, now);
            return true;
        });
    }

    /**
     * The request may have reached the payer and no answer came (or the process stopped during the call): the
     * interchange and its claim are SENT (if they were not), the claim with {@code words} as its reason.
     *
     * @return whether the call was still without an outcome
     */
    public boolean recordNoAnswer(long interchangeId, String payloadId, String words) {
        OffsetDateTime now = db.now();
        return db.transaction("recording a real-time call without an answer", c -> {
            if (!outcome(c, payloadId, Outcome.NO_ANSWER, words, false)) {
                return false;
            }
            interchanges.markSent(c, interchangeId, now);
            lastError(c, interchangeId, words);
            reasons(c, interchangeId, List.of(new Reason("NO_ANSWER", words)));
            history(c, interchangeId, "real-time call PayloadID " + payloadId + " brought no answer: " + words, now);
            return true;
        });
    }

    /**
     * The gateway answered with an X12 payload: marks the call answered and the interchange SENT (if it was not), then
     * applies the answer with {@code work}, all in ONE transaction ({@link TransactionStore#applyResponseFile}: the
     * answer recorded as a response file named {@code source}).
     */
    public TransactionStore.AppliedResponseFile applyAnswer(long interchangeId, String payloadId, String payerId, String source,
                                                            String sha256, ResponseSession.Work work) throws IOException {
        return ResponseTransaction.apply(db, claims, payerId, source, sha256, work, (c, now) -> {
            outcome(c, payloadId, Outcome.ANSWERED, "answered", true);
            interchanges.markSent(c, interchangeId, now);
        });
    }

    /**
     * The gateway answered, and the answer could not be applied (kept with a report for an operator): the call is
     * answered, never repeated, and the claim SENT with {@code words} as its reason.
     */
    public void recordUnappliedAnswer(long interchangeId, String payloadId, String words) {
        OffsetDateTime now = db.now();
        db.transaction("recording a real-time answer that was not applied", c -> {
            outcome(c, payloadId, Outcome.ANSWERED, "answer not applied", true);
            interchanges.markSent(c, interchangeId, now);
            reasons(c, interchangeId, List.of(new Reason("ANSWER_NOT_APPLIED", words)));
            history(c, interchangeId, "real-time answer to PayloadID " + payloadId + " not applied: " + words, now);
            return null;
        });
    }

    /**
     * The gateway refused the envelope (CORE ErrorCode other than Success): the payer never saw the 278. The claim
     * goes SENT (the request reached the gateway) and at once REJECTED_BY_GATEWAY, with the reason, in one transaction;
     * an operator may resubmit it once the cause is corrected.
     *
     * @param reason the ErrorCode and ErrorMessage in plain words (the gateway's message: a reason, never a log line)
     */
    public boolean rejectEnvelope(long interchangeId, String payloadId, String errorCode, Reason reason) {
        OffsetDateTime now = db.now();
        return db.transaction("recording a refused real-time envelope", c -> {
            outcome(c, payloadId, Outcome.ANSWERED, "envelope error", true);
            interchanges.markSent(c, interchangeId, now);
            List<ClaimMove> moves = new ArrayList<>();
            for (long key : claimKeys(c, interchangeId, ClaimState.SENT)) {
                moves.add(new ClaimMove(key, ClaimState.SENT, ClaimState.REJECTED_BY_GATEWAY, List.of(reason),
                        "CORE envelope error " + Sql.clip(errorCode, 64) + " to PayloadID " + payloadId));
            }
            return !claims.applyMoves(c, moves, now, HistoryCause.submission(interchangeId)).isEmpty();
        });
    }

    /**
     * No further call of the interchange will be made ({@code words} say why, in its claim's history unless null):
     * its calls leave {@link #open}.
     */
    public void settle(long interchangeId, String words) {
        OffsetDateTime now = db.now();
        db.transaction("settling a real-time interchange", c -> {
            Database.update(c, "update core_attempt set settled = true where interchange_id = ? and settled = false",
                    up -> up.setLong(1, interchangeId));
            if (words != null) {
                history(c, interchangeId, words, now);
            }
            return null;
        });
    }

    /** The calls of an interchange, in order. */
    public List<Call> calls(long interchangeId) {
        return db.transaction("reading real-time calls", c -> calls(c, interchangeId));
    }

    // ---------------------------------------------------------------------------------- inside a transaction

    private static List<Call> calls(Connection c, long interchangeId) throws SQLException {
        List<Call> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select payload_id, attempt, attempted_at, outcome from core_attempt "
                + "where interchange_id = ? order by attempt")) {
            q.setLong(1, interchangeId);
            Database.forEach(q, rs -> {
                String o = rs.getString("outcome");
                out.add(new Call(rs.getString("payload_id"), rs.getInt("attempt"), Sql.instant(rs, "attempted_at"),
                        o == null ? null : Outcome.valueOf(o)));
            });
        }
        return out;
    }

    /** Sets the outcome of a call without one (and settles all its interchange's calls with it); whether it had none. */
    private static boolean outcome(Connection c, String payloadId, Outcome outcome, String detail, boolean settle) throws SQLException {
        int n = Database.update(c, "update core_attempt set outcome = ?, detail = ? where payload_id = ? and outcome is null", up -> {
            up.setString(1, outcome.name());
            Sql.setText(up, 2, Sql.clip(detail, 1000));
            up.setString(3, payloadId);
        });
        if (settle) {
            Database.update(c, "update core_attempt set settled = true where interchange_id = "
                    + "(select interchange_id from core_attempt where payload_id = ?)", up -> up.setString(1, payloadId));
        }
        return n == 1;
    }

    private static Optional<ClaimState> claimState(Connection c, long interchangeId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select state from claim where interchange_id = ? order by id limit 1")) {
            q.setLong(1, interchangeId);
            return Database.one(q, rs -> ClaimState.valueOf(rs.getString(1)));
        }
    }

    private static List<Long> claimKeys(Connection c, long interchangeId, ClaimState state) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select id from claim where interchange_id = ? and state = ? order by id")) {
            q.setLong(1, interchangeId);
            q.setString(2, state.name());
            Database.forEach(q, rs -> keys.add(rs.getLong(1)));
        }
        return keys;
    }

    private static void lastError(Connection c, long interchangeId, String words) throws SQLException {
        Database.update(c, "update interchange set last_error = ? where id = ?", up -> {
            Sql.setText(up, 1, Sql.clip(words, 1000));
            up.setLong(2, interchangeId);
        });
    }

    /** Replaces the reasons of the interchange's claims that await an answer (SENT). */
    private void reasons(Connection c, long interchangeId, List<Reason> reasons) throws SQLException {
        Database.update(c, "update claim set reasons_json = ? where interchange_id = ? and state = 'SENT'", up -> {
            Sql.setText(up, 1, db.json.reasons(reasons));
            up.setLong(2, interchangeId);
        });
    }

    /** A row in the history of each claim of the interchange, in the state it is in (PHI-free words). */
    private static void history(Connection c, long interchangeId, String detail, OffsetDateTime now) throws SQLException {
        List<HistoryEntry> rows = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("select id, state from claim where interchange_id = ? order by id")) {
            q.setLong(1, interchangeId);
            Database.forEach(q, rs -> {
                ClaimState s = ClaimState.valueOf(rs.getString(2));
                rows.add(new HistoryEntry(rs.getLong(1), s, s, detail));
            });
        }
        HistoryEntry.writeAll(c, rows, now, HistoryCause.submission(interchangeId));
    }
}
