package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.store.OperatorActions.PurgedFile;
import org.retro278.store.OperatorActions.Reapplied;
import org.retro278.store.OperatorActions.Resubmit;
import org.retro278.store.OperatorView.ClaimChange;

/** Resubmit, reapply and purge on both engines, from the operator's scenario. */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class OperatorActionsTest extends StoreTestBase {

    OperatorScenario s;
    OperatorActions actions;

    OperatorActionsTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @BeforeEach
    void scenario() throws Exception {
        s = OperatorScenario.build(store, clock);
        actions = store.operatorActions();
    }

    @Test
    void aRejectedClaimIsResubmittedOnceAsANewRequestWithNewNumbers() throws Exception {
        StoredClaim before = inspect().find(s.rejectedByGateway).orElseThrow();
        Resubmit r = actions.resubmit(s.rejectedByGateway, "dana", "gateway fixed the NM1 check");
        assertTrue(r.resubmitted(), String.valueOf(r));
        StoredClaim ready = inspect().find(s.rejectedByGateway).orElseThrow();
        assertEquals(ClaimState.READY, ready.state());
        assertNull(ready.traceNumber());
        assertNull(ready.isa13());
        assertNull(ready.acknowledgedAt(), "the earlier answer is not an answer to the new request");
        assertEquals(List.of(), ready.reasons());
        ClaimChange last = history(s.rejectedByGateway).get(history(s.rejectedByGateway).size() - 1);
        assertEquals("operator dana", last.actor());
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, last.from());
        assertTrue(last.detail().contains("was trace " + before.traceNumber()), last.detail());
        assertTrue(last.detail().endsWith(": gateway fixed the NM1 check"), last.detail());

        Resubmit again = actions.resubmit(s.rejectedByGateway, "dana", "twice");
        assertFalse(again.resubmitted());
        assertTrue(again.refusal().startsWith("READY: already waiting"), again.refusal());

        ReservedInterchange next = store.reserveInterchange("PAYERA", 100, LocalDateTime.of(2026, 11, 17, 3, 0),
                OperatorScenario::fileName).orElseThrow();
        assertEquals(1, next.claims().size(), "only the resubmitted claim goes out");
        ReservedClaim c = next.claims().get(0);
        assertEquals(s.rejectedByGateway, c.claimKey());
        assertNotEquals(before.traceNumber(), c.ids().traceNumber());
        assertNotEquals(before.bht03(), c.ids().bht03());
        store.markInterchangeSent(next.id());
        assertEquals(2, inspect().find(s.rejectedByGateway).orElseThrow().attempt());
        assertTrue(store.reserveInterchange("PAYERA", 100, LocalDateTime.of(2026, 11, 17, 3, 1),
                OperatorScenario::fileName).isEmpty(), "sent once");
    }

    @Test
    void claimsThatMustNotBeResentAreRefusedWithWords() {
        assertTrue(refusal(s.rejectedLocally).startsWith("REJECTED_LOCALLY"));
        assertTrue(refusal(s.unacknowledged).startsWith("SENT: the payer's answer is awaited"));
        assertTrue(refusal(s.accepted).startsWith("ACCEPTED"));
        assertTrue(actions.resubmit(s.overdue, "dana", "no 999 for a day").resubmitted(), "an OVERDUE claim may go again");
        assertTrue(inspect().move(s.accepted, ClaimState.ACCEPTED, ClaimState.CERTIFIED, "A1"));
        assertTrue(refusal(s.accepted).contains("certified"));
        assertTrue(inspect().move(s.unacknowledged, ClaimState.SENT, ClaimState.PENDED, "A4"));
        assertTrue(refusal(s.unacknowledged).startsWith("PENDED at the payer"));
        assertEquals("no claim with this key", refusal(99_999));
        assertEquals(ClaimState.CERTIFIED, inspect().find(s.accepted).orElseThrow().state(), "a refusal changes nothing");
    }

    @Test
    void aClaimHeldByAFollowUpYIsRefused() throws Exception {
        store.applyResponseFile("PAYERB", "278-held.x12", sha(200), session -> {
            session.move(s.unacknowledged, List.of(ClaimState.SENT), ClaimState.REJECTED_BY_PAYER,
                    List.of(new Reason("FOLLOW_UP:Y", "do not resubmit; we will hold your request")), "278 response");
            return new ResponseSession.Tally(1, 1, 0, 0);
        });
        assertTrue(refusal(s.unacknowledged).startsWith("held by the payer (AAA04 follow-up Y)"), refusal(s.unacknowledged));
    }

    @Test
    void aResponseFileAppliedAgainChangesNothingTheSecondTime() throws Exception {
        ResponseSession.Work rejectB1 = session -> {
            session.move(s.unacknowledged, List.of(ClaimState.SENT), ClaimState.REJECTED_BY_GATEWAY, List.of(), "999 rejected");
            session.unmatched("999", "GS06 77", null);
            return new ResponseSession.Tally(2, 1, 1, 0);
        };
        int events = history(s.unacknowledged).size();
        Reapplied first = actions.reapplyResponseFile("PAYERB", "999-b.x12", sha(300), "dana", rejectB1);
        assertFalse(first.appliedBefore());
        assertEquals(1, first.claimsChanged());
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, inspect().find(s.unacknowledged).orElseThrow().state());
        clock.advance(Duration.ofMinutes(1));
        Reapplied second = actions.reapplyResponseFile("PAYERB", "999-b.x12", sha(300), "dana", rejectB1);
        assertTrue(second.appliedBefore());
        assertEquals(first.responseFileId(), second.responseFileId());
        assertEquals(0, second.claimsChanged());
        assertEquals(events + 1, history(s.unacknowledged).size(), "applied twice is applied once");
        assertEquals(1, count("select count(*) from unmatched_response where response_file_id = " + first.responseFileId()));

        // a file run applied (the first application) whose claim a fix now lets move: the reapply says so
        Reapplied fixed = actions.reapplyResponseFile("PAYERA", "999-payera-1.x12", sha(100), "dana", session -> {
            session.move(s.overdue, List.of(ClaimState.SENT), ClaimState.ACCEPTED, List.of(), "999 accepted set");
            return new ResponseSession.Tally(3, 3, 0, 0);
        });
        assertTrue(fixed.appliedBefore());
        assertEquals(s.responseFile, fixed.responseFileId());
        ClaimChange last = history(s.overdue).get(history(s.overdue).size() - 1);
        assertEquals("operator dana", last.actor());
        assertEquals(s.responseFile, last.responseFileId());
        assertTrue(last.detail().startsWith("response file " + s.responseFile + " applied again: "), last.detail());
    }

    @Test
    void purgeLeavesPhiFreeTombstonesThatStillCatchDuplicates() throws Exception {
        assertTrue(actions.resubmit(s.rejectedByGateway, "dana", "the words of an operator").resubmitted());
        clock.advance(Duration.ofDays(31));
        assertEquals(List.of(s.refusedFile, s.duplicateFile), actions.purge(clock.instant().minus(Duration.ofDays(30)), 100)
                .stream().map(PurgedFile::fileId).toList(), "files without claims go; a READY claim keeps its file");
        assertTrue(inspect().move(s.rejectedByGateway, ClaimState.READY, ClaimState.ERROR, "for the test"));
        assertTrue(inspect().move(s.rejectedByGateway, ClaimState.ERROR, ClaimState.REJECTED_BY_PAYER, "for the test"));
        assertTrue(inspect().move(s.accepted, ClaimState.ACCEPTED, ClaimState.DENIED, "A3"));
        assertTrue(inspect().move(s.overdue, ClaimState.SENT, ClaimState.CERTIFIED, "A1"));
        assertEquals(List.of(), actions.purge(clock.instant().minus(Duration.ofDays(30)), 100), "final, but changed since");
        clock.advance(Duration.ofDays(31));
        List<PurgedFile> purged = actions.purge(clock.instant().minus(Duration.ofDays(30)), 100);
        assertEquals(List.of(s.firstFile), purged.stream().map(PurgedFile::fileId).toList(),
                "claims-2.csv still has a SENT claim");
        assertEquals("claims-1.csv", purged.get(0).fileName());
        assertEquals(3, purged.get(0).claims());
        assertEquals(List.of(), actions.purge(clock.instant(), 100), "purged once");

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            String keys = s.accepted + ", " + s.rejectedByGateway + ", " + s.overdue;
            assertEquals(0, count(st, "select count(*) from claim_request where claim_key in (" + keys + ")"));
            assertEquals(3, count(st, "select count(*) from claim where id in (" + keys + ") and purged_at is not null and "
                    + "reasons_json is null and earliest_service_date is null and identity_sha256 is not null"));
            assertEquals(0, count(st, "select count(*) from claim_event where detail like '%words of an operator%'"));
            assertEquals(3, count(st, "select count(*) from received_file where file_name = '(purged)' and refusal_reason is null"));
            try (ResultSet rs = st.executeQuery("select state, trace_number from claim where id = " + s.overdue)) {
                assertTrue(rs.next());
                assertEquals("CERTIFIED", rs.getString(1), "the tombstone keeps the state");
                assertTrue(rs.getString(2).startsWith("A-3-"), "and the ids");
            }
        }
        assertTrue(refusal(s.rejectedByGateway).startsWith("purged"));
        ReceivedFile again = store.recordReceivedFile("P1", "claims-1-third.csv", 100, sha(1));
        assertEquals(FileOutcome.DUPLICATE, again.outcome(), "the same bytes after a purge are still a duplicate");
        assertEquals(s.firstFile, again.duplicateOf());
        long redrop = store.recordReceivedFile("P1", "claims-1-edited.csv", 101, sha(9)).id();
        long key = store.recordClaims(redrop, List.of(NewClaim.of(TestRequests.full("A-3", "PAYERA"), List.of(2L)))).get(0);
        assertEquals(List.of("DUPLICATE_CLAIM"), inspect().find(key).orElseThrow().reasons().stream().map(Reason::code).toList(),
                "the same claim after a purge is still a duplicate");
    }

    private String refusal(long key) {
        Resubmit r = actions.resubmit(key, "dana", "try");
        assertFalse(r.resubmitted(), String.valueOf(r));
        return r.refusal();
    }

    private List<ClaimChange> history(long key) {
        return store.operatorView().history(key);
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            return count(st, sql);
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
