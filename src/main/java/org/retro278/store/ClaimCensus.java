package org.retro278.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the metrics ask the store (org.retro278.ops): claims per state, overdue claims per payer, and the
 * answers (acknowledgments, decisions) recorded since a point of the history, with how long after sending
 * each came. Read-only and cheap: grouped counts on the state indexes and a range of the history's primary
 * key; the caller decides how often (the metrics cache the counts for a few seconds). Ids, states and
 * times only: nothing here is PHI.
 */
public final class ClaimCensus {

    private final Database db;

    ClaimCensus(Database db) {
        this.db = db;
    }

    /** How many claims are in each state (every state, zero included) and how many are overdue, per payer. */
    public record Count(Map<ClaimState, Long> byState, Map<String, Long> overdueByPayer) {
        public Count {
            byState = Map.copyOf(byState);
            overdueByPayer = Map.copyOf(overdueByPayer);
        }
    }

    /** What an answer was for a claim: its gateway's acknowledgment (999, TA1) or the payer's decision (278). */
    public enum AnswerKind {
        ACKNOWLEDGMENT, DECISION
    }

    /** A claim that moved into an acknowledged or decided state, {@code afterSending} after it was sent. */
    public record Answer(long eventId, String payerId, ClaimState state, AnswerKind kind, Duration afterSending) {
    }

    /** Counts claims per state and the overdue ones per payer, in one transaction. */
    public Count count() {
        return db.transaction("counting claims per state", c -> {
            Map<ClaimState, Long> byState = new EnumMap<>(ClaimState.class);
            for (ClaimState s : ClaimState.values()) {
                byState.put(s, 0L);
            }
            // from the tally (V9), which the triggers on claim keep: a few rows per practice and payer, not the claims
            try (PreparedStatement q = c.prepareStatement("select state, sum(n) as n from claim_tally group by state");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    byState.put(ClaimState.valueOf(rs.getString("state")), rs.getLong("n"));
                }
            }
            // only claims that await an answer can be overdue
            Map<String, Long> overdue = new TreeMap<>();
            try (PreparedStatement q = c.prepareStatement("select payer_id, sum(n) as n from claim_tally where state in ("
                    + Sql.states(ClaimState::awaitsAnswer) + ") and overdue = true group by payer_id having sum(n) > 0");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    overdue.put(rs.getString("payer_id"), rs.getLong("n"));
                }
            }
            return new Count(byState, overdue);
        });
    }

    /** The newest entry of the claims' history (0 when there is none): where {@link #answersAfter} starts. */
    public long lastEventId() {
        return db.transaction("reading the end of the history", c -> {
            try (PreparedStatement q = c.prepareStatement("select coalesce(max(id), 0) as last from claim_event");
                 ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong("last") : 0L;
            }
        });
    }

    /**
     * Hands every move into an acknowledged or decided state recorded after history entry {@code afterEventId}
     * to {@code visitor}, oldest first, and returns the entry to start from next time. A claim never sent (no
     * {@code sent_at}) is left out.
     */
    public long answersAfter(long afterEventId, Consumer<Answer> visitor) {
        long upTo = lastEventId();
        if (upTo <= afterEventId) {
            return afterEventId;
        }
        db.transaction("reading answers from the history", c -> {
            try (PreparedStatement q = c.prepareStatement("select e.id, e.to_state, e.occurred_at, c.payer_id, c.sent_at "
                    + "from claim_event e join claim c on c.id = e.claim_key where e.id > ? and e.id <= ? and e.to_state in ("
                    + Sql.states(s -> s.stamp() == ClaimState.Stamp.ACKNOWLEDGED || s.stamp() == ClaimState.Stamp.DECIDED)
                    + ") and (e.from_state is null or e.from_state <> e.to_state) and c.sent_at is not null "
                    + "order by e.id")) {
                q.setLong(1, afterEventId);
                q.setLong(2, upTo);
                Database.forEach(q, rs -> {
                    ClaimState state = ClaimState.valueOf(rs.getString("to_state"));
                    Instant sent = Sql.instant(rs, "sent_at");
                    Duration after = Duration.between(sent, Sql.instant(rs, "occurred_at"));
                    visitor.accept(new Answer(rs.getLong("id"), rs.getString("payer_id"), state,
                            state.stamp() == ClaimState.Stamp.DECIDED ? AnswerKind.DECISION : AnswerKind.ACKNOWLEDGMENT,
                            after.isNegative() ? Duration.ZERO : after));
                });
            }
            return null;
        });
        return upTo;
    }

    /** Whether the store answers at all: one trivial query. */
    public void ping() {
        db.transaction("asking whether the store answers", c -> {
            try (PreparedStatement q = c.prepareStatement("select 1"); ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        });
    }
}
