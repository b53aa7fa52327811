package org.retro278.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import org.retro278.x12.RequestIdentifiers;
import org.retro278.x12.TransactionIds;
import org.retro278.x12.control.ControlNumberKind;
import org.retro278.x12.control.ControlNumbersExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interchanges built for payers and the sending protocol around them: a reservation takes claims and
 * control numbers in one transaction, then the bytes are recorded, the interchange is marked sent (with all
 * its claims) or a failed attempt is counted, or it is given up and its claims released. See
 * docs/reliability.md for why each step is one transaction.
 */
final class InterchangeLedger {

    /** Every room of the store logs as the store, so log settings and lines stay as they were. */
    private static final Logger log = LoggerFactory.getLogger(TransactionStore.class);

    private final Database db;

    InterchangeLedger(Database db) {
        this.db = db;
    }

    /** See {@link TransactionStore#reserveInterchange}. */
    Optional<ReservedInterchange> reserveInterchange(String payerId, int maxClaims, LocalDateTime envelopeTime,
                                                     LongFunction<String> fileNameForIsa13)
            throws ControlNumbersExhaustedException {
        Objects.requireNonNull(payerId, "payerId");
        Objects.requireNonNull(envelopeTime, "envelopeTime");
        if (maxClaims < 1 || maxClaims > TransactionStore.MAX_TRANSACTION_SETS) {
            throw new IllegalArgumentException("maxClaims must be from 1 to " + TransactionStore.MAX_TRANSACTION_SETS);
        }
        OffsetDateTime now = db.now();
        Optional<ReservedInterchange> reserved = db.transaction("reserving an interchange", c -> {
            // first lock: the interchange counter, which every reservation takes first
            long isa13 = DatabaseControlNumbers.reserve(c, ControlNumberKind.INTERCHANGE, 1);
            List<Long> keys = new ArrayList<>();
            List<String> claimIds = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select id, practice_claim_id from claim where payer_id = ? "
                    + "and state = 'READY' and interchange_id is null order by ready_at, id limit ?")) {
                q.setString(1, payerId);
                q.setInt(2, maxClaims);
                Database.forEach(q, rs -> {
                    keys.add(rs.getLong(1));
                    claimIds.add(rs.getString(2));
                });
            }
            if (keys.isEmpty()) {
                c.rollback(); // hands the ISA13 back: nobody saw it
                return Optional.<ReservedInterchange>empty();
            }
            int n = keys.size();
            long gs06 = DatabaseControlNumbers.reserve(c, ControlNumberKind.GROUP, 1);
            long firstSt02 = DatabaseControlNumbers.reserve(c, ControlNumberKind.TRANSACTION, n);
            String fileName = Objects.requireNonNull(fileNameForIsa13.apply(isa13), "file name");
            long interchangeId = Database.insert(c, "insert into interchange (payer_id, isa13, gs06, file_name, state, "
                    + "envelope_time, transaction_count, created_at, attempts) values (?, ?, ?, ?, 'SENDING', ?, ?, ?, 0)", ins -> {
                ins.setString(1, payerId);
                ins.setLong(2, isa13);
                ins.setLong(3, gs06);
                ins.setString(4, fileName);
                ins.setObject(5, envelopeTime);
                ins.setInt(6, n);
                Sql.setTime(ins, 7, now);
            });
            List<ReservedClaim> reservedClaims = new ArrayList<>(n);
            try (PreparedStatement up = c.prepareStatement("update claim set interchange_id = ?, isa13 = ?, gs06 = ?, st02 = ?, "
                    + "trace_number = ?, bht03 = ?, attempt = attempt + 1, updated_at = ? "
                    + "where id = ? and state = 'READY' and interchange_id is null")) {
                for (int i = 0; i < n; i++) {
                    long key = keys.get(i);
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
                    reservedClaims.add(new ReservedClaim(key, claimIds.get(i), ids));
                }
                for (int count : up.executeBatch()) {
                    if (count != 1) {
                        // cannot happen while the counter lock serializes reservations; never link half a batch
                        throw new SQLException("a READY claim changed during the reservation", "40001");
                    }
                }
            }
            // the reservation is recorded once for the batch, by the interchange row (its time, ISA13, GS06 and claim
            // count) and each claim's numbers on its row; a claim's history has no row of its own for it (docs/store.md)
            return Optional.of(new ReservedInterchange(interchangeId, payerId, isa13, gs06, fileName, envelopeTime,
                    reservedClaims));
        });
        reserved.ifPresent(r -> log.info("interchange ISA13 {} reserved for payer {}: {} claims, ST02 {} to {}", r.isa13(),
                payerId, r.claims().size(), r.claims().get(0).ids().st02(), r.claims().get(r.claims().size() - 1).ids().st02()));
        return reserved;
    }

    /** See {@link TransactionStore#forEachRequest}. */
    void forEachRequest(long interchangeId, TransactionStore.RequestVisitor visitor) throws IOException {
        db.transaction("reading the requests of an interchange", c -> {
            LocalDateTime envelopeTime;
            try (PreparedStatement q = c.prepareStatement("select envelope_time from interchange where id = ?")) {
                q.setLong(1, interchangeId);
                envelopeTime = Database.one(q, rs -> Sql.localTime(rs, "envelope_time"))
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
                                db.requestJson.read(request));
                    }
                }
            }
            return null;
        });
    }

    /** See {@link TransactionStore#dropFromInterchange}. */
    boolean dropFromInterchange(long interchangeId, long claimKey, List<Reason> reasons) {
        OffsetDateTime now = db.now();
        String reasonsJson = db.json.reasons(reasons);
        return db.transaction("taking a claim out of an interchange", c -> {
            if (Database.update(c, "update interchange set transaction_count = transaction_count - 1 "
                    + "where id = ? and state = 'SENDING'", up -> up.setLong(1, interchangeId)) != 1) {
                return false;
            }
            if (Database.update(c, "update claim set state = 'ERROR', interchange_id = null, reasons_json = ?, updated_at = ? "
                    + "where id = ? and interchange_id = ? and state = 'READY'", up -> {
                        Sql.setText(up, 1, reasonsJson);
                        Sql.setTime(up, 2, now);
                        up.setLong(3, claimKey);
                        up.setLong(4, interchangeId);
                    }) != 1) {
                c.rollback();
                return false;
            }
            HistoryEntry.writeAll(c, List.of(new HistoryEntry(claimKey, ClaimState.READY, ClaimState.ERROR,
                    "taken out of interchange " + interchangeId + " before it was sent")), now, HistoryCause.submission(interchangeId));
            return true;
        });
    }

    /** See {@link TransactionStore#recordInterchangeBytes}. */
    boolean recordInterchangeBytes(long interchangeId, String sha256, long size) {
        String hash = Database.normalizeSha256(sha256);
        return db.transaction("recording interchange bytes", c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "update interchange set sha256 = ?, size_bytes = ? where id = ? and state = 'SENDING'")) {
                up.setString(1, hash);
                up.setLong(2, size);
                up.setLong(3, interchangeId);
                return up.executeUpdate() == 1;
            }
        });
    }

    /** See {@link TransactionStore#markInterchangeSent}. */
    boolean markInterchangeSent(long interchangeId) {
        OffsetDateTime now = db.now();
        boolean marked = db.transaction("marking an interchange sent", c -> markSent(c, interchangeId, now));
        if (marked) {
            log.info("interchange {} sent", interchangeId);
        }
        return marked;
    }

    /**
     * Marks an interchange in SENDING and all its claims SENT inside the caller's transaction (the batch upload's
     * commit, and a real-time call's outcome in the same transaction as what it brought); false when it was SENT already.
     */
    boolean markSent(Connection c, long interchangeId, OffsetDateTime now) throws SQLException {
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
        // every claim of the interchange in one statement, and their history rows in one more (docs/store.md)
        int moved = Database.update(c, "update claim set state = 'SENT', updated_at = ?, sent_at = ?, overdue = false, "
                + "reasons_json = null where interchange_id = ? and state = 'READY'", up -> {
                    Sql.setTime(up, 1, now);
                    Sql.setTime(up, 2, now);
                    up.setLong(3, interchangeId);
                });
        if (moved != ic.transactionCount()) {
            throw new IllegalStateException("interchange ISA13 " + ic.isa13() + " holds " + ic.transactionCount()
                    + " claims but only " + moved + " were READY; nothing was marked");
        }
        HistoryEntry.writeMoved(c, "interchange_id = ? and state = 'SENT'", interchangeId,
                ClaimState.READY, ClaimState.SENT, String.format("sent in interchange ISA13 %09d", ic.isa13()), now,
                HistoryCause.submission(interchangeId));
        return true;
    }

    /** See {@link TransactionStore#recordSendFailure}. */
    boolean recordSendFailure(long interchangeId, String error) {
        OffsetDateTime now = db.now();
        boolean recorded = db.transaction("recording a send failure",
                c -> recordAttempt(c, "attempts = attempts + 1", interchangeId, now, error));
        if (recorded) {
            log.warn("delivery of interchange {} failed; it stays SENDING", interchangeId);
        }
        return recorded;
    }

    /** See {@link TransactionStore#markInterchangeFailed}. */
    boolean markInterchangeFailed(long interchangeId, String error) {
        OffsetDateTime now = db.now();
        int released = db.transaction("marking an interchange failed", c -> {
            if (!recordAttempt(c, "state = 'FAILED'", interchangeId, now, error)) {
                return -1;
            }
            long isa13 = interchange(c, interchangeId).orElseThrow().isa13();
            List<Long> keys = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "select id, gs06, st02, trace_number from claim where interchange_id = ? and state = 'READY' order by id")) {
                q.setLong(1, interchangeId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getLong(1));
                        // the numbers it had, which the reservation wrote on the claim row only
                        numbers.add(String.format("GS06 %d, ST02 %04d, trace %s", rs.getLong(2), rs.getLong(3), rs.getString(4)));
                    }
                }
            }
            try (PreparedStatement up = c.prepareStatement("update claim set interchange_id = null, isa13 = null, gs06 = null, "
                    + "st02 = null, trace_number = null, bht03 = null, updated_at = ? where interchange_id = ? and state = 'READY'")) {
                Sql.setTime(up, 1, now);
                up.setLong(2, interchangeId);
                up.executeUpdate();
            }
            List<HistoryEntry> events = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                events.add(new HistoryEntry(keys.get(i), ClaimState.READY, ClaimState.READY,
                        String.format("released: interchange ISA13 %09d (%s) failed", isa13, numbers.get(i))));
            }
            HistoryEntry.writeAll(c, events, now, HistoryCause.submission(interchangeId));
            if (!keys.isEmpty()) {
                db.claimsBecameReady();
            }
            return keys.size();
        });
        if (released < 0) {
            return false;
        }
        log.warn("interchange {} given up as FAILED; {} claims released", interchangeId, released);
        return true;
    }

    /** The interchanges of one payer in SENDING, oldest first. */
    List<Interchange> interchangesSending(String payerId) {
        return interchangesSending(" and payer_id = ?", q -> q.setString(1, payerId));
    }

    /** Interchanges in SENDING that also meet {@code condition} (empty: all), oldest first. */
    List<Interchange> interchangesSending(String condition, Database.Binder binder) {
        return db.transaction("listing interchanges in SENDING", c -> {
            List<Interchange> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("select " + Database.INTERCHANGE_COLUMNS
                    + " from interchange where state = 'SENDING'" + condition + " order by id")) {
                binder.bind(q);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(db.interchange(rs));
                    }
                }
            }
            return out;
        });
    }

    /** The interchange with this id. */
    Optional<Interchange> findInterchange(long interchangeId) {
        return db.transaction("reading an interchange", c -> interchange(c, interchangeId));
    }

    /** The one interchange whose {@code column} (a unique key: id, isa13) has this value, inside the caller's transaction. */
    Optional<Interchange> interchangeBy(Connection c, String column, long value) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select " + Database.INTERCHANGE_COLUMNS + " from interchange where "
                + column + " = ?")) {
            q.setLong(1, value);
            return Database.one(q, db::interchange);
        }
    }

    Optional<Interchange> interchange(Connection c, long interchangeId) throws SQLException {
        return interchangeBy(c, "id", interchangeId);
    }

    /**
     * Stamps the last delivery attempt of an interchange still in SENDING with its time and error (cut to
     * 1,000 characters), together with {@code change} to the row; whether it was in SENDING.
     */
    private static boolean recordAttempt(Connection c, String change, long interchangeId, OffsetDateTime now, String error)
            throws SQLException {
        try (PreparedStatement up = c.prepareStatement("update interchange set " + change + ", "
                + "last_attempt_at = ?, last_error = ? where id = ? and state = 'SENDING'")) {
            Sql.setTime(up, 1, now);
            Sql.setText(up, 2, Sql.clip(error, 1000));
            up.setLong(3, interchangeId);
            return up.executeUpdate() == 1;
        }
    }

    private static InterchangeState interchangeState(Connection c, long interchangeId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select state from interchange where id = ?")) {
            q.setLong(1, interchangeId);
            return Database.one(q, rs -> InterchangeState.valueOf(rs.getString(1)))
                    .orElseThrow(() -> new IllegalStateException("no interchange " + interchangeId));
        }
    }
}
