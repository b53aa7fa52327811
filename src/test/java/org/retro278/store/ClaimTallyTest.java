package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.store.OperatorView.ClaimCount;
import org.retro278.store.OperatorView.StatusFilter;
import org.retro278.store.OperatorView.StoreStatus;

/**
 * claim_tally (V9) equals a real count of the claims after every kind of move: intake, release, reservation,
 * a claim dropped from an interchange, SENT, responses, the deadline watch, resubmit, a given-up interchange,
 * a restarted intake, purge; so does interchange_awaiting (V10) against the claims SENT per interchange; and status
 * reads its counts from the one and its unacknowledged interchanges from the other, filters included.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class ClaimTallyTest extends StoreTestBase {

    private static final LocalDate SERVICE_DAY = LocalDate.of(2026, 11, 1);

    ClaimTallyTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @Test
    void theTallyIsARealCountAfterEveryMove() throws Exception {
        assertTallyIsCount("empty store");
        OperatorScenario s = OperatorScenario.build(store, clock); // intake, release, reserve, SENT, 999, overdue
        assertTallyIsCount("the operator's scenario");
        assertTrue(nonZeroKeys() >= 5, "the scenario fills several keys, overdue among them");

        long fileId = store.recordReceivedFile("P1", "claims-40.csv", 100, sha(40)).id();
        List<Long> keys = store.recordClaims(fileId, List.of(
                NewClaim.of(TestRequests.simple("C-1", "PAYERA", SERVICE_DAY), List.of(2L)),
                NewClaim.of(TestRequests.simple("C-2", "PAYERA", SERVICE_DAY), List.of(3L)),
                NewClaim.of(TestRequests.simple("C-3", "PAYERA", SERVICE_DAY), List.of(4L)),
                NewClaim.rejected("C-4", null, List.of(5L), List.of(new Reason("NO_PAYER", "no payer", "payer_id")))));
        assertTallyIsCount("intake");
        long third = store.recordReceivedFile("P3", "claims-41.csv", 100, sha(41)).id();
        store.recordClaims(third, List.of(NewClaim.of(TestRequests.simple("D-1", "PAYERB", SERVICE_DAY), List.of(2L))));
        assertEquals(1, store.restartFile(third));
        assertTallyIsCount("a restarted intake deletes its claims");

        store.releaseFile(fileId);
        assertTallyIsCount("release");
        ReservedInterchange r = store.reserveInterchange("PAYERA", 100, LocalDateTime.of(2026, 11, 16, 4, 0),
                OperatorScenario::fileName).orElseThrow();
        assertTallyIsCount("reservation");
        assertTrue(store.dropFromInterchange(r.id(), keys.get(0), List.of(new Reason("BUILD", "could not be built"))));
        assertTallyIsCount("dropped from an interchange into ERROR");
        assertTrue(store.markInterchangeFailed(r.id(), "never delivered"));
        assertTallyIsCount("a given-up interchange releases its claims");
        ReservedInterchange again = store.reserveInterchange("PAYERA", 100, LocalDateTime.of(2026, 11, 16, 4, 5),
                OperatorScenario::fileName).orElseThrow();
        store.markInterchangeSent(again.id());
        assertTallyIsCount("SENT");

        clock.advance(Duration.ofMinutes(1));
        store.flagOverdue(keys.subList(1, 3), "no 999 within 1 day");
        assertTallyIsCount("deadline watch");
        store.applyResponseFile("PAYERA", "999-payera-2.x12", sha(200), session -> {
            session.move(keys.get(1), List.of(ClaimState.SENT), ClaimState.ACCEPTED, List.of(), "999 accepted");
            session.move(keys.get(2), List.of(ClaimState.SENT), ClaimState.REJECTED_BY_GATEWAY,
                    List.of(new Reason("IK502-5", "w")), "999 rejected");
            return new ResponseSession.Tally(2, 2, 0, 0);
        });
        assertTallyIsCount("responses clear the overdue flag");

        OperatorActions actions = store.operatorActions();
        assertTrue(actions.resubmit(keys.get(2), "dana", "fixed").resubmitted());
        assertTrue(actions.resubmit(s.overdue, "dana", "no 999").resubmitted());
        assertTallyIsCount("resubmit");
        assertTrue(inspect().move(s.accepted, ClaimState.ACCEPTED, ClaimState.DENIED, "decided"));
        clock.advance(Duration.ofDays(31));
        actions.purge(clock.instant().minus(Duration.ofDays(30)), 100);
        assertTallyIsCount("purge");
    }

    @Test
    void statusCountsComeFromTheTallyAndSinceFromTheClaims() throws Exception {
        OperatorScenario.build(store, clock);
        StoreStatus all = store.operatorView().status(StatusFilter.ALL, 10);
        assertEquals(realCounts(""), asMap(all.counts()));
        assertEquals(1, all.overdue().total());
        StoreStatus p2 = store.operatorView().status(new StatusFilter("P2", null, null), 10);
        assertEquals(realCounts(" where practice_id = 'P2'"), asMap(p2.counts()));
        StoreStatus payerA = store.operatorView().status(new StatusFilter(null, "PAYERA", null), 10);
        assertEquals(realCounts(" where payer_id = 'PAYERA'"), asMap(payerA.counts()));
        assertEquals(1, payerA.overdue().total());

        // a wrong tally shows in status without --since, never with it
        int keys;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            keys = st.executeUpdate("update claim_tally set n = n + 1000 where state = 'SENT' and overdue = false");
            c.commit();
        }
        long tallied = store.operatorView().status(StatusFilter.ALL, 10).counts().stream().mapToLong(ClaimCount::count).sum();
        long since = store.operatorView().status(new StatusFilter(null, null, clock.instant().minus(Duration.ofDays(1))), 10)
                .counts().stream().mapToLong(ClaimCount::count).sum();
        assertTrue(keys > 0);
        assertEquals(since + 1000L * keys, tallied);
    }

    @Test
    void unacknowledgedInterchangesAreThoseAwaitingAndTheOnesBeingSent() throws Exception {
        OperatorScenario s = OperatorScenario.build(store, clock);
        assertEquals(List.of(s.firstIsa13, s.secondIsa13), unacknowledgedIsa13());
        long fileId = store.recordReceivedFile("P1", "claims-50.csv", 100, sha(50)).id();
        store.recordClaims(fileId, List.of(NewClaim.of(TestRequests.simple("E-1", "PAYERA", SERVICE_DAY), List.of(2L))));
        store.releaseFile(fileId);
        ReservedInterchange sending = store.reserveInterchange("PAYERA", 100, LocalDateTime.of(2026, 11, 16, 4, 0),
                OperatorScenario::fileName).orElseThrow();
        assertEquals(List.of(s.firstIsa13, s.secondIsa13, sending.isa13()), unacknowledgedIsa13());
        // an interchange whose claims still count as SENT is listed only while interchange_awaiting says so
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("delete from interchange_awaiting");
            c.commit();
        }
        assertEquals(List.of(sending.isa13()), unacknowledgedIsa13(), "only the interchange being sent");
    }

    private List<Long> unacknowledgedIsa13() {
        return store.operatorView().status(StatusFilter.ALL, 10).unacknowledged().rows().stream()
                .map(OperatorView.InterchangeSummary::isa13).toList();
    }

    private void assertTallyIsCount(String after) throws SQLException {
        Map<String, Long> tally = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select practice_id, payer_id, state, overdue, n from claim_tally where n <> 0")) {
            while (rs.next()) {
                tally.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getBoolean(4), rs.getLong(5));
            }
        }
        Map<String, Long> real = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select practice_id, coalesce(payer_id, ''), state, overdue, count(*) from claim "
                     + "group by practice_id, coalesce(payer_id, ''), state, overdue")) {
            while (rs.next()) {
                real.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getBoolean(4), rs.getLong(5));
            }
        }
        assertEquals(real, tally, "after " + after);
        assertEquals(rows("select interchange_id, count(*) from claim where state = 'SENT' and interchange_id is not null "
                + "group by interchange_id"), rows("select interchange_id, n from interchange_awaiting"),
                "interchanges awaiting (only those with claims SENT, no empty rows), after " + after);
    }

    private Map<Long, Long> rows(String sql) throws SQLException {
        Map<Long, Long> out = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return out;
    }

    private long nonZeroKeys() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select count(*) from claim_tally where n > 0")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Map<String, Long> realCounts(String where) throws SQLException {
        Map<String, Long> real = new TreeMap<>();
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select state, payer_id, practice_id, count(*) from claim" + where
                     + " group by state, payer_id, practice_id")) {
            while (rs.next()) {
                real.put(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3), rs.getLong(4));
            }
        }
        return real;
    }

    private static Map<String, Long> asMap(List<ClaimCount> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach(k -> out.put(k.state() + "/" + k.payerId() + "/" + k.practiceId(), k.count()));
        return out;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(db.url, db.user, db.password);
        c.setAutoCommit(false);
        return c;
    }
}
