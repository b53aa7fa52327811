package org.retro278.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.retro278.model.RetroAuthorizationRequest;

/**
 * The store's room for the operator's questions ({@link OperatorView}): read-only, paged queries on the indexes of
 * V6__claim_history_causes.sql, V9__claim_tally.sql and V10__interchange_awaiting.sql (counts from the tally:
 * {@link StatusCounts}), each in one read-committed transaction, so that they run beside a working adapter (on H2
 * through its automatic mixed mode) without holding its rows.
 */
final class OperatorQueries implements OperatorView {

    private static final String SUMMARY_COLUMNS = "id, practice_id, practice_claim_id, payer_id, state, overdue, reasons_json, "
            + "isa13, st02, trace_number, received_at, updated_at";
    private static final String OVERDUE = "state in ('SENT', 'ACCEPTED', 'PENDED') and overdue = true";
    private static final Set<ClaimState> FAILED_STATES = EnumSet.of(ClaimState.ERROR, ClaimState.REJECTED_LOCALLY,
            ClaimState.REJECTED_BY_GATEWAY, ClaimState.REJECTED_BY_PAYER);
    private static final String NEWEST_FIRST = " order by id desc";
    private static final String ERROR_FILES = "outcome in ('REFUSED', 'DUPLICATE')";
    /**
     * Sent and not acknowledged: not yet delivered (SENDING); or SENT with a claim still SENT, which
     * interchange_awaiting (V10) names. One set of keys read from the front (the interchanges awaiting, each
     * checked SENT on its key), so that it costs the interchanges awaiting, not a probe per interchange ever sent.
     */
    private static final String UNACKNOWLEDGED = "i.id in (select s.id from interchange s where s.state = 'SENDING' union all "
            + "select w.interchange_id from interchange_awaiting w where exists (select 1 from interchange s "
            + "where s.id = w.interchange_id and s.state = 'SENT'))";

    private final Database db;
    private final ClaimLedger claims;

    OperatorQueries(Database db, ClaimLedger claims) {
        this.db = db;
        this.claims = claims;
    }

    // ---------------------------------------------------------------------------------- status

    @Override
    public StoreStatus status(StatusFilter filter, int limit) {
        int rows = Math.max(0, limit);
        return db.transaction("reading the store's status", c -> {
            Conditions claimsWhere = new Conditions()
                    .equal("practice_id", filter.practiceId())
                    .equal("payer_id", filter.payerId())
                    .since("received_at", filter);
            // the tally answers without --since (V9); with it, the claims received since are counted on claim_by_received
            boolean tallied = filter.since() == null;
            List<ClaimCount> counts = tallied ? StatusCounts.counts(c, filter) : counts(c, claimsWhere);
            Page<ClaimSummary> overdue = claimPage(c, claimsWhere.and(OVERDUE), NEWEST_FIRST, rows,
                    tallied ? StatusCounts.overdue(c, filter) : -1);
            // over the whole store each failed state is read newest first straight off claim_by_state_key (H2 takes an
            // index's order only when the order by names its columns, state first though it is one value); a filter
            // keeps the narrower index H2 picks for it
            Page<ClaimSummary> failed = failedPage(c, claimsWhere, counts, rows,
                    filter.equals(StatusFilter.ALL) ? " order by state, id desc" : NEWEST_FIRST);
            Conditions filesWhere = new Conditions().and(ERROR_FILES)
                    .equal("practice_id", filter.practiceId())
                    .since("received_at", filter);
            Conditions interchangesWhere = new Conditions().and(UNACKNOWLEDGED)
                    .equal("i.payer_id", filter.payerId())
                    .since("i.created_at", filter);
            if (filter.practiceId() != null) {
                interchangesWhere = interchangesWhere.and("exists (select 1 from claim p where p.interchange_id = i.id and p.practice_id = ?)",
                        filter.practiceId());
            }
            // a claim file belongs to a practice, not to a payer: a payer's status lists none
            Page<FileSummary> errorFiles = filter.payerId() != null ? new Page<>(List.of(), 0) : filePage(c, filesWhere, rows);
            return new StoreStatus(counts, overdue, failed, errorFiles,
                    interchangePage(c, interchangesWhere, rows));
        });
    }

    private static List<ClaimCount> counts(Connection c, Conditions where) throws SQLException {
        List<ClaimCount> out = new ArrayList<>();
        try (PreparedStatement q = where.prepare(c, "select state, payer_id, practice_id, count(*) from claim",
                " group by state, payer_id, practice_id order by state, payer_id, practice_id");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new ClaimCount(ClaimState.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
        }
        return out;
    }

    /**
     * The newest failed claims that match: the newest of each failed state that has any (one range of claim_by_state_key
     * each, not a sort of every failed claim), merged.
     */
    private Page<ClaimSummary> failedPage(Connection c, Conditions where, List<ClaimCount> counts, int limit, String order)
            throws SQLException {
        List<ClaimSummary> out = new ArrayList<>();
        long total = 0;
        for (ClaimState state : FAILED_STATES) {
            long n = counts.stream().filter(k -> k.state() == state).mapToLong(ClaimCount::count).sum();
            if (n > 0) {
                total += n;
                out.addAll(claimPage(c, where.and("state = ?", state.name()), order, limit, n).rows());
            }
        }
        out.sort(Comparator.comparingLong(ClaimSummary::key).reversed());
        return new Page<>(out.subList(0, Math.min(limit, out.size())), total);
    }

    /** The newest claims that match, and how many match ({@code known} when already counted, else -1). */
    private Page<ClaimSummary> claimPage(Connection c, Conditions where, String order, int limit, long known) throws SQLException {
        List<ClaimSummary> out = new ArrayList<>();
        try (PreparedStatement q = where.prepare(c, "select " + SUMMARY_COLUMNS + " from claim", order + " limit " + limit);
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(summary(rs));
            }
        }
        return new Page<>(out, known >= 0 ? known : count(c, "claim", where, out.size(), limit));
    }

    private ClaimSummary summary(ResultSet rs) throws SQLException {
        List<String> codes = db.json.reasons(rs.getString("reasons_json")).stream().map(Reason::code).toList();
        return new ClaimSummary(rs.getLong("id"), rs.getString("practice_id"), rs.getString("practice_claim_id"),
                rs.getString("payer_id"), ClaimState.valueOf(rs.getString("state")), rs.getBoolean("overdue"), codes,
                Sql.nullableLong(rs, "isa13"), Sql.nullableLong(rs, "st02"), rs.getString("trace_number"),
                Sql.instant(rs, "received_at"), Sql.instant(rs, "updated_at"));
    }

    @Override
    public List<FileSummary> recentFiles(int limit) {
        return db.transaction("reading the recent files", c -> fileRows(c, new Conditions(), Math.max(0, limit)));
    }

    @Override
    public List<InterchangeSummary> recentInterchanges(int limit) {
        return db.transaction("reading the recent interchanges",
                c -> interchangeRows(c, new Conditions(), " order by i.id desc", Math.max(0, limit)));
    }

    private static Page<FileSummary> filePage(Connection c, Conditions where, int limit) throws SQLException {
        List<FileSummary> out = fileRows(c, where, limit);
        return new Page<>(out, count(c, "received_file", where, out.size(), limit));
    }

    private static List<FileSummary> fileRows(Connection c, Conditions where, int limit) throws SQLException {
        List<FileSummary> out = new ArrayList<>();
        try (PreparedStatement q = where.prepare(c, "select id, practice_id, file_name, outcome, duplicate_of, received_at "
                + "from received_file", " order by id desc limit " + limit);
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new FileSummary(rs.getLong("id"), rs.getString("practice_id"), rs.getString("file_name"),
                        FileOutcome.valueOf(rs.getString("outcome")), Sql.nullableLong(rs, "duplicate_of"),
                        Sql.instant(rs, "received_at")));
            }
        }
        return out;
    }

    private static Page<InterchangeSummary> interchangePage(Connection c, Conditions where, int limit) throws SQLException {
        List<InterchangeSummary> out = interchangeRows(c, where, " order by i.id", limit);
        return new Page<>(out, count(c, "interchange i", where, out.size(), limit));
    }

    private static List<InterchangeSummary> interchangeRows(Connection c, Conditions where, String order, int limit)
            throws SQLException {
        List<InterchangeSummary> out = new ArrayList<>();
        try (PreparedStatement q = where.prepare(c, "select i.id, i.payer_id, i.isa13, i.gs06, i.file_name, i.state, "
                + "i.transaction_count, i.attempts, i.created_at, i.sent_at, (select count(*) from claim w where "
                + "w.interchange_id = i.id and w.state = 'SENT') as awaiting from interchange i", order + " limit " + limit);
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new InterchangeSummary(rs.getLong("id"), rs.getString("payer_id"), rs.getLong("isa13"), rs.getLong("gs06"),
                        rs.getString("file_name"), InterchangeState.valueOf(rs.getString("state")), rs.getInt("transaction_count"),
                        rs.getLong("awaiting"), rs.getInt("attempts"), Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at")));
            }
        }
        return out;
    }

    /** How many rows match: the rows read when the page was not full, else counted. */
    private static long count(Connection c, String table, Conditions where, int read, int limit) throws SQLException {
        if (read < limit) {
            return read;
        }
        try (PreparedStatement q = where.prepare(c, "select count(*) from " + table, "");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---------------------------------------------------------------------------------- one claim

    @Override
    public List<StoredClaim> claimsById(String claimId, String practiceId, long afterKey, int limit) {
        return page("finding claims by claim id", "practice_claim_id = ? and (? is null or practice_id = ?)", afterKey, limit,
                claimId, practiceId, practiceId);
    }

    @Override
    public Optional<StoredClaim> claim(long key) {
        return one("reading a claim", "id = ?", key);
    }

    @Override
    public List<StoredClaim> claimsOfFileNamed(String fileName, String practiceId, long afterKey, int limit) {
        return page("finding claims by file name", "file_id in (select f.id from received_file f where f.file_name = ? "
                + "and (? is null or f.practice_id = ?))", afterKey, limit, fileName, practiceId, practiceId);
    }

    @Override
    public Optional<StoredClaim> claimByTrace(String traceNumber) {
        return one("finding a claim by trace number", "trace_number = ?", traceNumber);
    }

    @Override
    public List<StoredClaim> claimsOfInterchange(long isa13, Long st02, long afterKey, int limit) {
        return page("finding claims by ISA13", "isa13 = ? and (cast(? as bigint) is null or st02 = ?)", afterKey, limit,
                isa13, st02, st02);
    }

    @Override
    public List<StoredClaim> claimsInState(ClaimState state, String payerId, long afterKey, int limit) {
        return claims.findMany("finding claims by state", "state = ? and payer_id = ? and id > ? order by id limit ?", ps -> {
            ps.setString(1, state.name());
            ps.setString(2, payerId);
            ps.setLong(3, afterKey);
            ps.setInt(4, limit);
        });
    }

    /** The claim that {@code where}, with its one parameter {@code value} (never null), names. */
    private Optional<StoredClaim> one(String what, String where, Object value) {
        return claims.findOne(what, where, ps -> ps.setObject(1, value));
    }

    /** A keyset page of the claims that match: keys above {@code afterKey}, in key order, at most {@code limit}. */
    private List<StoredClaim> page(String what, String where, long afterKey, int limit, Object key, Object narrow, Object same) {
        return claims.findMany(what, where + " and id > ? order by id limit ?", ps -> {
            ps.setObject(1, key);
            if (narrow == null) { // a typed null: PostgreSQL must know what "? is null" compares (same type as the key)
                ps.setNull(2, key instanceof Long ? Types.BIGINT : Types.VARCHAR);
                ps.setNull(3, key instanceof Long ? Types.BIGINT : Types.VARCHAR);
            } else {
                ps.setObject(2, narrow);
                ps.setObject(3, same);
            }
            ps.setLong(4, afterKey);
            ps.setInt(5, limit);
        });
    }

    @Override
    public Optional<ReceivedFile> file(long fileId) {
        return db.transaction("reading a file", c -> {
            try (PreparedStatement q = c.prepareStatement("select " + Database.FILE_COLUMNS + " from received_file where id = ?")) {
                q.setLong(1, fileId);
                return Database.one(q, db::file);
            }
        });
    }

    @Override
    public List<ClaimChange> history(long claimKey) {
        return db.transaction("reading a claim's history", c -> {
            try (PreparedStatement q = c.prepareStatement("select e.id, e.occurred_at, e.from_state, e.to_state, e.actor, "
                    + "e.received_file_id, f.file_name as received_name, e.interchange_id, i.isa13, i.file_name as interchange_name, "
                    + "e.response_file_id, r.file_name as response_name, e.detail from claim_event e "
                    + "left join received_file f on f.id = e.received_file_id left join interchange i on i.id = e.interchange_id "
                    + "left join response_file r on r.id = e.response_file_id where e.claim_key = ? order by e.id")) {
                q.setLong(1, claimKey);
                return Database.all(q, OperatorQueries::change);
            }
        });
    }

    /** A row of claim_event with the names of the files and the interchange it points at. */
    private static ClaimChange change(ResultSet rs) throws SQLException {
        String from = rs.getString("from_state");
        return new ClaimChange(rs.getLong("id"), Sql.instant(rs, "occurred_at"),
                from == null ? null : ClaimState.valueOf(from), ClaimState.valueOf(rs.getString("to_state")),
                rs.getString("actor"), Sql.nullableLong(rs, "received_file_id"), rs.getString("received_name"),
                Sql.nullableLong(rs, "interchange_id"), Sql.nullableLong(rs, "isa13"),
                rs.getString("interchange_name"), Sql.nullableLong(rs, "response_file_id"),
                rs.getString("response_name"), rs.getString("detail"));
    }

    @Override
    public Optional<RetroAuthorizationRequest> request(long claimKey) {
        return db.transaction("reading a claim's request", c -> claims.request(c, claimKey));
    }

    /** A where clause built from the filters given, with its parameters in order; each term makes a new one. */
    private static final class Conditions {
        private final List<String> terms;
        private final List<Object> values;

        Conditions() {
            this(List.of(), List.of());
        }

        private Conditions(List<String> terms, List<Object> values) {
            this.terms = terms;
            this.values = values;
        }

        Conditions and(String term, Object... params) {
            List<String> t = new ArrayList<>(terms);
            t.add(term);
            List<Object> v = new ArrayList<>(values);
            v.addAll(List.of(params));
            return new Conditions(List.copyOf(t), List.copyOf(v));
        }

        Conditions equal(String column, String value) {
            return value == null ? this : and(column + " = ?", value);
        }

        Conditions since(String column, StatusFilter filter) {
            return filter.since() == null ? this : and(column + " >= ?", Sql.utc(filter.since()));
        }

        PreparedStatement prepare(Connection c, String select, String tail) throws SQLException {
            String sql = select + (terms.isEmpty() ? "" : " where " + String.join(" and ", terms)) + tail;
            PreparedStatement q = c.prepareStatement(sql);
            for (int i = 0; i < values.size(); i++) {
                q.setObject(i + 1, values.get(i));
            }
            return q;
        }
    }
}
