package org.retro278.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.retro278.model.RetroAuthorizationRequest;

/**
 * What tests read and do behind the routes' backs, on a store's own rooms and database: claims by their
 * keys and control numbers, history, READY queues, requests, unmatched responses, and the guarded moves
 * that put claims into the state a test starts from. Nothing in src/main needs these, so they are not
 * part of the {@link TransactionStore} front.
 */
public final class StoreInspection {

    private final Database db;
    private final ClaimLedger claims;
    private final InterchangeLedger interchanges;
    private final ReceivedFiles files;

    public StoreInspection(TransactionStore store) {
        this.db = store.database();
        this.claims = store.claims();
        this.interchanges = store.interchanges();
        this.files = store.files();
    }

    // ---------------------------------------------------------------------------------- claims

    /** The claim with this key. */
    public Optional<StoredClaim> find(long claimKey) {
        return claims.findOne("reading a claim", "id = ?", ps -> ps.setLong(1, claimKey));
    }

    /** The claim whose current transaction set carries this TRN02 (the primary correlation key of responses). */
    public Optional<StoredClaim> findByTraceNumber(String traceNumber) {
        return claims.findOne("finding a claim by trace number", "trace_number = ?", ps -> ps.setString(1, traceNumber));
    }

    /** The claim whose current transaction set carries this BHT03. */
    public Optional<StoredClaim> findByBht03(String bht03) {
        return claims.findOne("finding a claim by BHT03", "bht03 = ?", ps -> ps.setString(1, bht03));
    }

    /** The claim whose current transaction set went out as ST02 {@code st02} in group GS06 {@code gs06} (a 999's AK1/AK2). */
    public Optional<StoredClaim> findByControlNumbers(long gs06, long st02) {
        return claims.findOne("finding a claim by control numbers", "st02 = ? and gs06 = ?", ps -> {
            ps.setLong(1, st02);
            ps.setLong(2, gs06);
        });
    }

    /** The claims of the interchange with this ISA13 (a TA1 answers for all of them), in ST02 order. */
    public List<StoredClaim> findByIsa13(long isa13) {
        return claims.findMany("finding claims by ISA13", "isa13 = ? order by st02", ps -> ps.setLong(1, isa13));
    }

    /** READY claims of a payer that no interchange holds yet, the longest-waiting first, at most {@code limit}. */
    public List<StoredClaim> findReady(String payerId, int limit) {
        return claims.findMany("finding READY claims", "payer_id = ? and state = 'READY' and interchange_id is null "
                + "order by ready_at, id limit ?", ps -> {
                    ps.setString(1, payerId);
                    ps.setInt(2, limit);
                });
    }

    /** For each payer with READY claims that no interchange holds yet: how many, and since when the oldest waits. */
    public List<ReadyQueue> readyQueues() {
        return db.transaction("counting READY claims", c -> {
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

    /** How many claims are in each state, counted row by row (not by the metrics' grouped count); absent states are 0. */
    public Map<ClaimState, Long> claimsPerState() {
        return db.transaction("counting claims row by row", c -> {
            Map<ClaimState, Long> out = new EnumMap<>(ClaimState.class);
            for (ClaimState s : ClaimState.values()) {
                out.put(s, 0L);
            }
            try (PreparedStatement q = c.prepareStatement("select state from claim"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.merge(ClaimState.valueOf(rs.getString("state")), 1L, Long::sum);
                }
            }
            return out;
        });
    }

    /** The claim's history, oldest first. */
    public List<ClaimEvent> history(long claimKey) {
        return db.transaction("reading a claim's history", c -> {
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
        return db.transaction("reading a claim's request", c -> claims.request(c, claimKey));
    }

    // ---------------------------------------------------------------------------------- moves

    /**
     * Applies guarded moves in one transaction, through the ledger's one place that moves claims: each claim
     * moves only if it is in the move's {@code from} state; each move that happens is written to its history.
     *
     * @return how many claims moved
     */
    public int moveAll(List<ClaimMove> moves) {
        if (moves.isEmpty()) {
            return 0;
        }
        List<ClaimMove> copy = List.copyOf(moves);
        return db.transaction("moving claims", c -> claims.applyMoves(c, copy, db.now(), new HistoryCause("test", null, null, null)).size());
    }

    /** Moves one claim from {@code from} to {@code to}, clearing its reasons; whether it moved. */
    public boolean move(long claimKey, ClaimState from, ClaimState to, String detail) {
        return moveAll(List.of(new ClaimMove(claimKey, from, to, detail))) == 1;
    }

    /** Moves one claim from {@code from} to {@code to} with the reasons it is now in {@code to}. */
    public boolean move(long claimKey, ClaimState from, ClaimState to, List<Reason> reasons, String detail) {
        return moveAll(List.of(new ClaimMove(claimKey, from, to, reasons, detail))) == 1;
    }

    /** Moves many claims from {@code from} to {@code to} in one transaction; how many moved. */
    public int move(Collection<Long> claimKeys, ClaimState from, ClaimState to, String detail) {
        List<ClaimMove> moves = new ArrayList<>(claimKeys.size());
        for (long k : claimKeys) {
            moves.add(new ClaimMove(k, from, to, detail));
        }
        return moveAll(moves);
    }

    /** Rejects one RECEIVED claim locally with its reasons; whether it moved. */
    public boolean rejectLocally(long claimKey, List<Reason> reasons) {
        return rejectLocally(Map.of(claimKey, reasons)) == 1;
    }

    /** Rejects RECEIVED claims locally in one transaction, each with its reasons (at least one); how many moved. */
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

    // ---------------------------------------------------------------------------------- files, interchanges, numbers

    /** Marks a RECEIVED file read completely (the release does this in production); whether it changed. */
    public boolean markFileProcessed(long fileId) {
        return files.finish(fileId, FileOutcome.PROCESSED, null);
    }

    /** The control numbers kept in this store (the same counters {@link TransactionStore#reserveInterchange} uses). */
    public DatabaseControlNumbers controlNumbers() {
        return new DatabaseControlNumbers(db.dataSource());
    }

    /** The interchange sent with this ISA13. */
    public Optional<Interchange> findInterchangeByIsa13(long isa13) {
        return db.transaction("finding an interchange by ISA13", c -> interchanges.interchangeBy(c, "isa13", isa13));
    }

    /** Interchanges in SENDING of every payer, oldest first. */
    public List<Interchange> interchangesSending() {
        return interchanges.interchangesSending("", q -> {
        });
    }

    /** Responses of a payer's files that matched no claim, newest first (kind, reference, when). */
    public List<String[]> unmatchedResponses(String payerId) {
        return db.transaction("listing unmatched responses", c -> {
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

    /**
     * On H2, what its MVStore says of the file ({@code information_schema.settings} named {@code info.*}: file size,
     * fill rate, chunks, pages, cache); empty on another engine. For the benchmarks' account of the file's growth.
     */
    public Map<String, String> h2StoreInfo() {
        return db.transaction("reading the H2 store's file figures", c -> {
            Map<String, String> out = new TreeMap<>();
            if (!c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2")) {
                return out;
            }
            try (PreparedStatement q = c.prepareStatement("select setting_name, setting_value from information_schema.settings "
                    + "where setting_name like 'info.%'"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    /**
     * On PostgreSQL, what the store's schema takes on disk: every table with its indexes and TOAST
     * ({@code pg_total_relation_size}, dead row versions not yet vacuumed included, as an operator's disk sees them).
     */
    public long postgresqlBytes() {
        return db.transaction("measuring the store's tables", c -> {
            try (PreparedStatement q = c.prepareStatement("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c "
                    + "join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind = 'r'")) {
                return Database.one(q, rs -> rs.getLong(1)).orElse(0L);
            }
        });
    }
}
