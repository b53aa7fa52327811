package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.rules.Rejection;
import org.retro278.rules.RejectionCode;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class ClaimLifecycleTest extends StoreTestBase {

    ClaimLifecycleTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @Test
    void claimsAreRecordedReceivedWithTheirRequestRowsAndDates() {
        long fileId = store.recordReceivedFile("P7", "claims.csv", 100, sha(1)).id();
        RetroAuthorizationRequest full = TestRequests.full("CLM-1", "PAYERA");
        List<Long> keys = store.recordClaims(fileId, List.of(
                NewClaim.of(full, List.of(2L, 3L)),
                NewClaim.unmapped(null, null, List.of(4L)),
                NewClaim.unmapped("CLM-3", "PAYERB", List.of(5L, 7L))));
        assertEquals(3, keys.size());
        assertEquals(3, keys.stream().distinct().count());

        StoredClaim c = inspect().find(keys.get(0)).orElseThrow();
        assertEquals(ClaimState.RECEIVED, c.state());
        assertEquals(fileId, c.fileId());
        assertEquals("P7", c.practiceId());
        assertEquals("CLM-1", c.claimId());
        assertEquals("PAYERA", c.payerId());
        assertEquals(List.of(2L, 3L), c.rows());
        assertEquals(LocalDate.of(2026, 10, 1), c.earliestServiceDate());
        assertEquals(LocalDate.of(2026, 10, 4), c.latestServiceDate());
        assertEquals(clock.instant(), c.receivedAt());
        assertEquals(clock.instant(), c.updatedAt());
        assertFalse(c.overdue());
        assertEquals(0, c.attempt());
        assertNull(c.traceNumber());
        assertEquals(full, inspect().request(keys.get(0)).orElseThrow(), "the stored request is the request");

        StoredClaim noId = inspect().find(keys.get(1)).orElseThrow();
        assertNull(noId.claimId());
        assertTrue(inspect().request(keys.get(1)).isEmpty());
        assertEquals(keys, store.claimsOfFile(fileId).stream().map(StoredClaim::key).toList());
    }

    @Test
    void aClaimIdIsUniqueWithinAFileButNotAcrossFiles() {
        long f1 = store.recordReceivedFile("P1", "a.csv", 1, sha(1)).id();
        long f2 = store.recordReceivedFile("P1", "b.csv", 1, sha(2)).id();
        store.recordClaims(f1, List.of(NewClaim.unmapped("C1", "PAYERA", List.of(2L))));
        store.recordClaims(f2, List.of(NewClaim.unmapped("C1", "PAYERA", List.of(2L))));
        StoreException e = assertThrows(StoreException.class,
                () -> store.recordClaims(f1, List.of(NewClaim.unmapped("C2", "PAYERA", List.of(3L)),
                        NewClaim.unmapped("C1", "PAYERA", List.of(4L)))));
        assertTrue(e.isUniqueViolation(), e.getMessage());
        assertEquals(1, store.claimsOfFile(f1).size(), "the failed batch recorded nothing");
        // rows without a claim id may be many
        store.recordClaims(f1, List.of(NewClaim.unmapped(null, null, List.of(8L)), NewClaim.unmapped(null, null, List.of(9L))));
        assertEquals(3, store.claimsOfFile(f1).size());
    }

    @Test
    void aGuardedMoveFromTheWrongStateMovesNothing() {
        long key = receive("PAYERA", 1, 1).get(0);
        assertFalse(inspect().move(key, ClaimState.READY, ClaimState.SENT, "not READY yet"));
        assertEquals(ClaimState.RECEIVED, inspect().find(key).orElseThrow().state());

        clock.advance(Duration.ofMinutes(5));
        assertTrue(inspect().move(key, ClaimState.RECEIVED, ClaimState.READY, "checked"));
        StoredClaim ready = inspect().find(key).orElseThrow();
        assertEquals(ClaimState.READY, ready.state());
        assertEquals(clock.instant(), ready.readyAt());
        assertEquals(clock.instant(), ready.updatedAt());

        // the same message twice: the second does nothing
        assertFalse(inspect().move(key, ClaimState.RECEIVED, ClaimState.READY, "checked"));
        assertFalse(inspect().move(424242L, ClaimState.RECEIVED, ClaimState.READY, "no such claim"));
        assertEquals(2, inspect().history(key).size(), "arrival and one move: " + inspect().history(key));
        assertThrows(IllegalArgumentException.class, () -> inspect().move(key, ClaimState.READY, ClaimState.READY, "x"));
    }

    @Test
    void aBatchedMoveReportsHowManyMoved() {
        List<Long> keys = receive("PAYERA", 5, 1);
        assertTrue(inspect().move(keys.get(1), ClaimState.RECEIVED, ClaimState.READY, "checked"));
        assertTrue(inspect().move(keys.get(3), ClaimState.RECEIVED, ClaimState.READY, "checked"));
        assertEquals(3, inspect().move(keys, ClaimState.RECEIVED, ClaimState.READY, "checked"));
        assertEquals(0, inspect().move(keys, ClaimState.RECEIVED, ClaimState.READY, "checked"));
        for (long k : keys) {
            assertEquals(ClaimState.READY, inspect().find(k).orElseThrow().state());
        }
        assertEquals(0, inspect().moveAll(List.of()));
    }

    @Test
    void movesToDifferentStatesInOneBatchEachHonourTheirGuard() {
        List<Long> keys = ready("PAYERA", 3, 1);
        int moved = inspect().moveAll(List.of(
                new ClaimMove(keys.get(0), ClaimState.READY, ClaimState.ERROR, List.of(new Reason("BUILD_FAILED", "the 278 could not be built")), "x"),
                new ClaimMove(keys.get(1), ClaimState.SENT, ClaimState.ACCEPTED, "wrong guard"),
                new ClaimMove(keys.get(2), ClaimState.READY, ClaimState.ERROR, "y"),
                new ClaimMove(keys.get(0), ClaimState.ERROR, ClaimState.READY, "replayed")));
        assertEquals(3, moved);
        assertEquals(ClaimState.READY, inspect().find(keys.get(0)).orElseThrow().state(), "moves apply in order");
        assertTrue(inspect().find(keys.get(0)).orElseThrow().reasons().isEmpty(), "reasons describe the current state");
        assertEquals(ClaimState.READY, inspect().find(keys.get(1)).orElseThrow().state());
        assertEquals(ClaimState.ERROR, inspect().find(keys.get(2)).orElseThrow().state());
    }

    @Test
    void aLocalRejectionKeepsItsReasons() {
        List<Long> keys = receive("PAYERA", 2, 1);
        Rejection r1 = new Rejection("C1-1", List.of(2L), "subscriber_dob", RejectionCode.INVALID_DATE,
                "subscriber_dob 1970-02-30 is not a real date; write YYYY-MM-DD");
        Reason r2 = new Reason(RejectionCode.RETRO_WINDOW_EXCEEDED.name(), "The service is 200 days old; PAYERA accepts 180.");
        Map<Long, List<Reason>> reasons = new LinkedHashMap<>();
        reasons.put(keys.get(0), List.of(Reason.of(r1), r2));
        reasons.put(keys.get(1), List.of(r2));
        assertEquals(2, inspect().rejectLocally(reasons));

        StoredClaim c = inspect().find(keys.get(0)).orElseThrow();
        assertEquals(ClaimState.REJECTED_LOCALLY, c.state());
        assertEquals(List.of(new Reason("INVALID_DATE", "subscriber_dob 1970-02-30 is not a real date; write YYYY-MM-DD",
                "subscriber_dob"), r2), c.reasons());
        assertFalse(inspect().rejectLocally(keys.get(0), List.of(r2)), "only a RECEIVED claim is rejected locally");
        assertThrows(IllegalArgumentException.class, () -> inspect().rejectLocally(keys.get(1), List.of()));
        assertFalse(c.toString().contains("1970"), "toString leaves reasons out");
    }

    @Test
    void aRefusedClaimKeepsTheDatesOfServiceItsLinesGave() {
        long fileId = store.recordReceivedFile("P9", "dates.csv", 10, sha(9)).id();
        Reason r = new Reason(RejectionCode.RETRO_WINDOW_EXCEEDED.name(), "too old");
        List<Long> keys = store.recordClaims(fileId, List.of(
                NewClaim.rejected("D1", "PAYERB", List.of(2L), List.of(r), LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 5)),
                NewClaim.rejected("D2", "PAYERB", List.of(3L), List.of(r))));
        StoredClaim dated = inspect().find(keys.get(0)).orElseThrow();
        assertEquals(LocalDate.of(2026, 9, 1), dated.earliestServiceDate());
        assertEquals(LocalDate.of(2026, 9, 5), dated.latestServiceDate());
        assertEquals(null, inspect().find(keys.get(1)).orElseThrow().earliestServiceDate());
    }

    @Test
    void theHistoryRecordsEveryChange() {
        long key = receive("PAYERA", 1, 1).get(0);
        Instant t0 = clock.instant();
        clock.advance(Duration.ofSeconds(10));
        inspect().move(key, ClaimState.RECEIVED, ClaimState.READY, "passed the rules");
        clock.advance(Duration.ofSeconds(10));
        inspect().move(key, ClaimState.READY, ClaimState.SENT, "sent by hand");
        inspect().move(key, ClaimState.READY, ClaimState.ACCEPTED, "guard fails: not written");
        clock.advance(Duration.ofSeconds(10));
        store.flagOverdue(List.of(key), "no 999 within 1 day");
        clock.advance(Duration.ofSeconds(10));
        inspect().move(key, ClaimState.SENT, ClaimState.ACCEPTED, "999 A");
        clock.advance(Duration.ofSeconds(10));
        inspect().move(key, ClaimState.ACCEPTED, ClaimState.CERTIFIED, "HCR A1");

        List<ClaimEvent> h = inspect().history(key);
        List<String> steps = new ArrayList<>();
        for (ClaimEvent e : h) {
            steps.add(e.fromState() + ">" + e.toState() + " " + e.detail());
            assertEquals(key, e.claimKey());
        }
        assertEquals(List.of("null>RECEIVED received in file " + inspect().find(key).orElseThrow().fileId(),
                "RECEIVED>READY passed the rules", "READY>SENT sent by hand", "SENT>SENT overdue: no 999 within 1 day",
                "SENT>ACCEPTED 999 A", "ACCEPTED>CERTIFIED HCR A1"), steps);
        assertEquals(t0, h.get(0).occurredAt());
        assertEquals(t0.plusSeconds(50), h.get(5).occurredAt());

        StoredClaim c = inspect().find(key).orElseThrow();
        assertEquals(t0.plusSeconds(10), c.readyAt());
        assertEquals(t0.plusSeconds(20), c.sentAt());
        assertEquals(t0.plusSeconds(40), c.acknowledgedAt());
        assertEquals(t0.plusSeconds(50), c.decidedAt());
    }

    @Test
    void theOverdueFlagIsOnlyForClaimsAwaitingAnAnswerAndAMoveClearsIt() {
        List<Long> keys = ready("PAYERA", 2, 1);
        assertEquals(0, store.flagOverdue(keys, "READY claims await nothing"));
        inspect().move(keys, ClaimState.READY, ClaimState.SENT, "sent");
        assertEquals(2, store.flagOverdue(keys, "late"));
        assertEquals(0, store.flagOverdue(keys, "late"), "already flagged");
        assertTrue(inspect().find(keys.get(0)).orElseThrow().overdue());
        inspect().move(keys.get(0), ClaimState.SENT, ClaimState.ACCEPTED, "999 A");
        assertFalse(inspect().find(keys.get(0)).orElseThrow().overdue());
        assertTrue(inspect().find(keys.get(1)).orElseThrow().overdue());
    }

    @Test
    void readyClaimsComeOldestFirstPerPayerWithTheirQueueAge() {
        List<Long> a = ready("PAYERA", 3, 1);
        List<Long> b = ready("PAYERB", 2, 2);
        Instant oldestA = inspect().find(a.get(0)).orElseThrow().readyAt();
        clock.advance(Duration.ofMinutes(10));

        assertEquals(a, inspect().findReady("PAYERA", 10).stream().map(StoredClaim::key).toList());
        assertEquals(a.subList(0, 2), inspect().findReady("PAYERA", 2).stream().map(StoredClaim::key).toList());
        assertEquals(b, inspect().findReady("PAYERB", 10).stream().map(StoredClaim::key).toList());
        assertTrue(inspect().findReady("PAYERC", 10).isEmpty());

        List<ReadyQueue> queues = inspect().readyQueues();
        assertEquals(List.of("PAYERA", "PAYERB"), queues.stream().map(ReadyQueue::payerId).toList());
        assertEquals(3, queues.get(0).count());
        assertEquals(oldestA, queues.get(0).oldestReadyAt());
        assertEquals(Duration.between(oldestA, clock.instant()), queues.get(0).oldestAge(clock.instant()));

        inspect().move(a.get(0), ClaimState.READY, ClaimState.ERROR, "held");
        assertEquals(2, inspect().readyQueues().get(0).count());
    }

    @Test
    void aRetractedClaimIsForgottenUntilItWasReady() {
        List<Long> keys = receive("PAYERA", 2, 1);
        long fileId = inspect().find(keys.get(0)).orElseThrow().fileId();
        assertTrue(store.retractClaim(fileId, "C1-1"));
        assertTrue(inspect().find(keys.get(0)).isEmpty());
        assertTrue(inspect().history(keys.get(0)).isEmpty());
        // the whole claim is recorded again under the same id
        store.recordClaims(fileId, List.of(NewClaim.of(TestRequests.simple("C1-1", "PAYERA", LocalDate.of(2026, 11, 1)),
                List.of(2L, 9L))));
        inspect().move(keys.get(1), ClaimState.RECEIVED, ClaimState.READY, "checked");
        assertFalse(store.retractClaim(fileId, "C1-2"), "a READY claim is kept for good");
        assertFalse(store.retractClaim(fileId, "nope"));
    }
}
