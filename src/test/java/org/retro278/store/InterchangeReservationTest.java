package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.x12.control.ControlNumberKind;
import org.retro278.x12.control.ControlNumbersExhaustedException;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class InterchangeReservationTest extends StoreTestBase {

    static final LocalDateTime ENVELOPE = LocalDateTime.of(2026, 11, 16, 9, 30);

    InterchangeReservationTest(TestDatabase.Engine engine) {
        super(engine);
    }

    static String fileName(long isa13) {
        return String.format("PAYERA.%09d.x12", isa13);
    }

    ReservedInterchange reserve(String payer, int max) throws ControlNumbersExhaustedException {
        return store.reserveInterchange(payer, max, ENVELOPE, InterchangeReservationTest::fileName).orElseThrow();
    }

    @Test
    void aReservationAllocatesIncreasingNumbersAndLinksTheOldestClaims() throws Exception {
        List<Long> keys = ready("PAYERA", 5, 1);
        ready("PAYERB", 2, 2);

        ReservedInterchange first = reserve("PAYERA", 3);
        assertEquals(1, first.isa13());
        assertEquals(1, first.gs06());
        assertEquals("PAYERA.000000001.x12", first.fileName());
        assertEquals(keys.subList(0, 3), first.claims().stream().map(ReservedClaim::claimKey).toList());
        assertEquals(List.of(1L, 2L, 3L), first.claims().stream().map(c -> c.ids().controlNumber()).toList());
        assertEquals("0001", first.claims().get(0).ids().st02());
        assertEquals("C1-1-1", first.claims().get(0).ids().traceNumber());
        assertEquals("C1-1-202611160930-1", first.claims().get(0).ids().bht03());

        ReservedInterchange second = reserve("PAYERA", 3);
        assertEquals(2, second.isa13());
        assertEquals(2, second.gs06());
        assertEquals(keys.subList(3, 5), second.claims().stream().map(ReservedClaim::claimKey).toList());
        assertEquals(List.of(4L, 5L), second.claims().stream().map(c -> c.ids().controlNumber()).toList());

        ReservedInterchange b = reserve("PAYERB", 10);
        assertEquals(3, b.isa13());
        assertEquals(List.of(6L, 7L), b.claims().stream().map(c -> c.ids().controlNumber()).toList());

        // the claims stay READY, linked, and leave the queue
        StoredClaim c = inspect().find(keys.get(0)).orElseThrow();
        assertEquals(ClaimState.READY, c.state());
        assertEquals(first.id(), c.interchangeId());
        assertEquals(1L, c.isa13());
        assertEquals(1L, c.gs06());
        assertEquals(1L, c.st02());
        assertEquals("C1-1-1", c.traceNumber());
        assertEquals(1, c.attempt());
        assertTrue(inspect().findReady("PAYERA", 10).isEmpty());
        assertTrue(inspect().readyQueues().isEmpty());

        Interchange ic = store.findInterchange(first.id()).orElseThrow();
        assertEquals(InterchangeState.SENDING, ic.state());
        assertEquals(3, ic.transactionCount());
        assertEquals(ENVELOPE, ic.envelopeTime());
        assertEquals("PAYERA", ic.payerId());
        assertEquals(List.of(first.id(), second.id(), b.id()), inspect().interchangesSending().stream().map(Interchange::id).toList());
        // the reservation is recorded once, by the interchange row: the claim's history has no row for it
        assertEquals(2, inspect().history(keys.get(0)).size(), inspect().history(keys.get(0)).toString());
        store.markInterchangeSent(first.id());
        assertTrue(inspect().history(keys.get(0)).get(2).detail().contains("ISA13 000000001"), inspect().history(keys.get(0)).toString());
    }

    @Test
    void nothingWaitingReservesNothingAndSpendsNoNumber() throws Exception {
        assertTrue(store.reserveInterchange("PAYERA", 10, ENVELOPE, InterchangeReservationTest::fileName).isEmpty());
        receive("PAYERA", 2, 1); // RECEIVED is not READY
        assertTrue(store.reserveInterchange("PAYERA", 10, ENVELOPE, InterchangeReservationTest::fileName).isEmpty());
        assertEquals(1L, inspect().controlNumbers().peek().get(ControlNumberKind.INTERCHANGE));
        assertThrows(IllegalArgumentException.class, () -> store.reserveInterchange("PAYERA", 0, ENVELOPE, n -> "x"));
        assertThrows(IllegalArgumentException.class, () -> store.reserveInterchange("PAYERA", 100_000, ENVELOPE, n -> "x"));
    }

    @Test
    void theReservedClaimsAreFoundByEachResponseKey() throws Exception {
        ready("PAYERA", 2, 1);
        ReservedInterchange r = reserve("PAYERA", 10);
        ReservedClaim second = r.claims().get(1);
        assertEquals(second.claimKey(), inspect().findByTraceNumber(second.ids().traceNumber()).orElseThrow().key());
        assertEquals(second.claimKey(), inspect().findByBht03(second.ids().bht03()).orElseThrow().key());
        assertEquals(second.claimKey(), inspect().findByControlNumbers(r.gs06(), second.ids().controlNumber()).orElseThrow().key());
        assertEquals(r.claims().stream().map(ReservedClaim::claimKey).toList(),
                inspect().findByIsa13(r.isa13()).stream().map(StoredClaim::key).toList());
        assertEquals(r.id(), inspect().findInterchangeByIsa13(r.isa13()).orElseThrow().id());
        assertTrue(inspect().findByTraceNumber("nope").isEmpty());
        assertTrue(inspect().findByControlNumbers(r.gs06() + 1, second.ids().controlNumber()).isEmpty());
    }

    @Test
    void aReservationHandsBackEachRequestInSt02Order() throws Exception {
        long fileId = store.recordReceivedFile("P1", "a.csv", 1, sha(1)).id();
        RetroAuthorizationRequest full = TestRequests.full("FULL-1", "PAYERA");
        long key = store.recordClaims(fileId, List.of(NewClaim.of(full, List.of(2L)))).get(0);
        inspect().move(key, ClaimState.RECEIVED, ClaimState.READY, "checked");
        ready("PAYERA", 2, 2);
        ReservedInterchange r = reserve("PAYERA", 10);

        List<ReservedClaim> seen = new ArrayList<>();
        List<RetroAuthorizationRequest> requests = new ArrayList<>();
        store.forEachRequest(r.id(), (claim, request) -> {
            seen.add(claim);
            requests.add(request);
        });
        assertEquals(r.claims(), seen, "the same identifiers, envelope time included, as the reservation gave");
        assertEquals(full, requests.get(0));
        assertEquals("C2-1", requests.get(1).claimId());

        IOException stop = assertThrows(IOException.class,
                () -> store.forEachRequest(r.id(), (claim, request) -> {
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", stop.getMessage());
    }

    @Test
    void markingSentMovesTheInterchangeAndAllItsClaimsOnce() throws Exception {
        List<Long> keys = ready("PAYERA", 3, 1);
        ReservedInterchange r = reserve("PAYERA", 10);
        assertTrue(store.recordInterchangeBytes(r.id(), sha(99), 4321));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(store.markInterchangeSent(r.id()));
        Interchange ic = store.findInterchange(r.id()).orElseThrow();
        assertEquals(InterchangeState.SENT, ic.state());
        assertEquals(clock.instant(), ic.sentAt());
        assertEquals(sha(99), ic.sha256());
        assertEquals(4321L, ic.size());
        for (long k : keys) {
            StoredClaim c = inspect().find(k).orElseThrow();
            assertEquals(ClaimState.SENT, c.state());
            assertEquals(clock.instant(), c.sentAt());
            assertEquals("READY>SENT", last(k));
        }
        assertFalse(store.markInterchangeSent(r.id()), "a second call changes nothing");
        assertTrue(inspect().interchangesSending().isEmpty());
        assertFalse(store.recordInterchangeBytes(r.id(), sha(1), 1), "bytes are recorded only while SENDING");
    }

    @Test
    void markingSentIsAllOrNothing() throws Exception {
        List<Long> keys = ready("PAYERA", 3, 1);
        ReservedInterchange r = reserve("PAYERA", 10);
        // one claim of the interchange was moved away behind the route's back
        assertTrue(inspect().move(keys.get(1), ClaimState.READY, ClaimState.ERROR, "operator hold"));

        assertThrows(IllegalStateException.class, () -> store.markInterchangeSent(r.id()));
        assertEquals(InterchangeState.SENDING, store.findInterchange(r.id()).orElseThrow().state());
        assertEquals(ClaimState.READY, inspect().find(keys.get(0)).orElseThrow().state(), "the first claim's move was rolled back");
        assertEquals(ClaimState.READY, inspect().find(keys.get(2)).orElseThrow().state());
        assertNull(inspect().find(keys.get(0)).orElseThrow().sentAt());
        assertEquals("RECEIVED>READY", last(keys.get(0)), "no history was written for the rolled-back move");
        assertThrows(IllegalStateException.class, () -> store.markInterchangeSent(424242L));
    }

    @Test
    void aFailedAttemptIsCountedAndAGivenUpInterchangeReleasesItsClaims() throws Exception {
        List<Long> keys = ready("PAYERA", 2, 1);
        ReservedInterchange r = reserve("PAYERA", 10);
        clock.advance(Duration.ofMinutes(1));
        assertTrue(store.recordSendFailure(r.id(), "connection refused by sftp.payera.example:22"));
        assertTrue(store.recordSendFailure(r.id(), "timeout"));
        Interchange ic = store.findInterchange(r.id()).orElseThrow();
        assertEquals(InterchangeState.SENDING, ic.state());
        assertEquals(2, ic.attempts());
        assertEquals("timeout", ic.lastError());
        assertEquals(clock.instant(), ic.lastAttemptAt());

        assertTrue(store.markInterchangeFailed(r.id(), "gave up after 2 attempts"));
        assertEquals(InterchangeState.FAILED, store.findInterchange(r.id()).orElseThrow().state());
        assertFalse(store.markInterchangeFailed(r.id(), "again"));
        assertFalse(store.recordSendFailure(r.id(), "late"));
        assertThrows(IllegalStateException.class, () -> store.markInterchangeSent(r.id()));
        StoredClaim released = inspect().find(keys.get(0)).orElseThrow();
        assertEquals(ClaimState.READY, released.state());
        assertNull(released.interchangeId());
        assertNull(released.traceNumber());

        // they go out again with new numbers; the attempt count says it is their second reservation
        ReservedInterchange again = reserve("PAYERA", 10);
        assertEquals(2, again.isa13());
        assertEquals(List.of(3L, 4L), again.claims().stream().map(c -> c.ids().controlNumber()).toList());
        assertEquals(2, inspect().find(keys.get(0)).orElseThrow().attempt());
        assertTrue(inspect().findByTraceNumber(r.claims().get(0).ids().traceNumber()).isEmpty());
    }

    @Test
    void aMoveBackToReadyUnlinksTheClaimForItsNextReservation() throws Exception {
        List<Long> keys = ready("PAYERA", 1, 1);
        ReservedInterchange r = reserve("PAYERA", 10);
        store.markInterchangeSent(r.id());
        assertTrue(inspect().move(keys.get(0), ClaimState.SENT, ClaimState.REJECTED_BY_GATEWAY, "999 R"));
        assertTrue(inspect().move(keys.get(0), ClaimState.REJECTED_BY_GATEWAY, ClaimState.READY, "operator resubmits"));
        StoredClaim c = inspect().find(keys.get(0)).orElseThrow();
        assertNull(c.interchangeId());
        assertNull(c.isa13());
        ReservedInterchange again = reserve("PAYERA", 10);
        assertNotEquals(r.isa13(), again.isa13());
    }

    @Test
    void exhaustedControlNumbersReserveNothing() throws Exception {
        List<Long> keys = ready("PAYERA", 3, 1);
        inspect().controlNumbers().advanceTo(ControlNumberKind.TRANSACTION, 999_999_998L);
        assertThrows(ControlNumbersExhaustedException.class, () -> reserve("PAYERA", 3));
        assertTrue(inspect().interchangesSending().isEmpty());
        assertNull(inspect().find(keys.get(0)).orElseThrow().interchangeId());
        assertEquals(1L, inspect().controlNumbers().peek().get(ControlNumberKind.INTERCHANGE), "the ISA13 was handed back");
        ReservedInterchange two = reserve("PAYERA", 2);
        assertEquals(List.of(999_999_998L, 999_999_999L), two.claims().stream().map(c -> c.ids().controlNumber()).toList());
    }

    @Test
    void concurrentReservationsFromThreadsAndTwoStoresNeverShareAClaimOrANumber() throws Exception {
        List<Long> keys = new ArrayList<>();
        for (int f = 1; f <= 4; f++) {
            keys.addAll(ready("PAYERA", 30, f));
        }
        // a second store instance on the same database, as a second process would have
        try (TransactionStore other = db.open(clock)) {
            List<ReservedInterchange> all = Collections.synchronizedList(new ArrayList<>());
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                TransactionStore s = t % 2 == 0 ? store : other;
                Thread th = new Thread(() -> {
                    try {
                        while (true) {
                            Optional<ReservedInterchange> r = s.reserveInterchange("PAYERA", 7, ENVELOPE,
                                    InterchangeReservationTest::fileName);
                            if (r.isEmpty()) {
                                return;
                            }
                            all.add(r.get());
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join(120_000);
            }
            assertTrue(errors.isEmpty(), errors.toString());
            assertSoleOwnership(keys, all);
        }
    }

    @Test
    void aSecondProcessReservingAtTheSameTimeNeverSharesAClaimOrANumber() throws Exception {
        List<Long> keys = new ArrayList<>();
        for (int f = 1; f <= 4; f++) {
            keys.addAll(ready("PAYERA", 50, f));
        }
        DatabaseControlNumbersTest.Worker worker = DatabaseControlNumbersTest.Worker.start(db, "interchanges", "PAYERA");
        List<ReservedInterchange> mine = new ArrayList<>();
        while (true) {
            Optional<ReservedInterchange> r = store.reserveInterchange("PAYERA", 5, ENVELOPE, InterchangeReservationTest::fileName);
            if (r.isEmpty()) {
                break;
            }
            mine.add(r.get());
        }
        List<Long> theirs = worker.results();
        assertFalse(theirs.isEmpty(), "the worker reserved nothing; the test proved nothing");
        assertFalse(mine.isEmpty(), "this process reserved nothing; the test proved nothing");

        // rebuild every reservation from the store, the worker's included
        List<ReservedInterchange> all = new ArrayList<>(mine);
        for (long id : theirs) {
            Interchange ic = store.findInterchange(id).orElseThrow();
            List<ReservedClaim> claims = new ArrayList<>();
            store.forEachRequest(id, (claim, request) -> claims.add(claim));
            assertEquals(ic.transactionCount(), claims.size());
            all.add(new ReservedInterchange(id, ic.payerId(), ic.isa13(), ic.gs06(), ic.fileName(), ic.envelopeTime(), claims));
        }
        assertSoleOwnership(keys, all);
        // what each side was told matches the store: no claim was taken over by a later reservation
        assertEquals(keys.size(), all.stream().mapToInt(r -> r.claims().size()).sum());
        for (long k : keys) {
            // every reservation counts on the claim row (its attempt); the reservation writes no history row of its own
            assertEquals(1, inspect().find(k).orElseThrow().attempt(), "claim " + k + " was reserved more than once");
        }
    }

    static void assertSoleOwnership(List<Long> keys, List<ReservedInterchange> all) {
        Set<Long> claims = new HashSet<>();
        Set<Long> isa13s = new HashSet<>();
        Set<Long> gs06s = new HashSet<>();
        Set<Long> st02s = new HashSet<>();
        Set<String> traces = new HashSet<>();
        for (ReservedInterchange r : all) {
            assertTrue(isa13s.add(r.isa13()), "ISA13 " + r.isa13() + " twice");
            assertTrue(gs06s.add(r.gs06()), "GS06 " + r.gs06() + " twice");
            long previous = 0;
            for (ReservedClaim c : r.claims()) {
                assertTrue(claims.add(c.claimKey()), "claim " + c.claimKey() + " in two interchanges");
                assertTrue(st02s.add(c.ids().controlNumber()), "ST02 " + c.ids().controlNumber() + " twice");
                assertTrue(traces.add(c.ids().traceNumber()));
                assertTrue(c.ids().controlNumber() > previous, "ST02s increase within an interchange");
                previous = c.ids().controlNumber();
            }
        }
        assertEquals(new HashSet<>(keys), claims, "every READY claim was reserved exactly once");
    }

    private String last(long key) {
        List<ClaimEvent> h = inspect().history(key);
        ClaimEvent e = h.get(h.size() - 1);
        return e.fromState() + ">" + e.toState();
    }
}
