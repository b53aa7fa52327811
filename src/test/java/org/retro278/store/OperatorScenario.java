package org.retro278.store;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import org.retro278.testing.TestClock;

/**
 * A store with a bit of everything an operator looks at, made through the store's front as the routes would
 * make it: a claim accepted, one rejected by the gateway, one overdue, one rejected locally, one waiting in an
 * interchange nobody acknowledged, a refused file and a duplicate file. The claims carry fictional PHI
 * ({@link TestRequests#full}: member id W123456789, subscriber Fictional Robin).
 */
public final class OperatorScenario {

    public static final String MEMBER_ID = "W123456789";
    public static final String SUBSCRIBER_LAST_NAME = "Fictional";
    public static final String GATEWAY_REASON = "IK502-5";
    public static final String LOCAL_REASON = "SERVICE_DATE_OUT_OF_WINDOW";
    public static final String REASON_WORDS = "member W123456789 (Fictional Robin) is out of the window";

    /** Store keys of the claims, received file ids, ISA13s and the response file. */
    public long accepted;
    public long rejectedByGateway;
    public long overdue;
    public long rejectedLocally;
    public long unacknowledged;
    public long firstFile;
    public long secondFile;
    public long refusedFile;
    public long duplicateFile;
    public long firstIsa13;
    public long secondIsa13;
    public long responseFile;

    private OperatorScenario() {
    }

    /** Builds the scenario in the store, moving the clock a minute per step. */
    public static OperatorScenario build(TransactionStore store, TestClock clock) throws Exception {
        OperatorScenario s = new OperatorScenario();
        s.firstFile = store.recordReceivedFile("P1", "claims-1.csv", 100, sha(1)).id();
        List<Long> a = store.recordClaims(s.firstFile, List.of(
                NewClaim.of(TestRequests.full("A-1", "PAYERA"), List.of(2L)),
                NewClaim.of(TestRequests.full("A-2", "PAYERA"), List.of(3L)),
                NewClaim.of(TestRequests.full("A-3", "PAYERA"), List.of(4L))));
        store.releaseFile(s.firstFile);
        s.accepted = a.get(0);
        s.rejectedByGateway = a.get(1);
        s.overdue = a.get(2);
        clock.advance(Duration.ofMinutes(1));
        ReservedInterchange first = store.reserveInterchange("PAYERA", 100, LocalDateTime.of(2026, 11, 16, 3, 0),
                OperatorScenario::fileName).orElseThrow();
        s.firstIsa13 = first.isa13();
        store.markInterchangeSent(first.id());
        clock.advance(Duration.ofMinutes(1));
        StoreInspection inspect = new StoreInspection(store);
        long gs06 = inspect.find(s.accepted).orElseThrow().gs06();
        long st02 = inspect.find(s.rejectedByGateway).orElseThrow().st02();
        s.responseFile = store.applyResponseFile("PAYERA", "999-payera-1.x12", sha(100), session -> {
            session.move(s.accepted, List.of(ClaimState.SENT), ClaimState.ACCEPTED, List.of(),
                    "999 accepted set ST02 " + (st02 - 1));
            session.move(s.rejectedByGateway, List.of(ClaimState.SENT), ClaimState.REJECTED_BY_GATEWAY,
                    List.of(new Reason(GATEWAY_REASON, REASON_WORDS)), "999 rejected set ST02 " + st02 + " (R)");
            return new ResponseSession.Tally(2, 2, 0, 0);
        }).id();
        clock.advance(Duration.ofMinutes(1));
        store.flagOverdue(List.of(s.overdue), "no 999 within 1 day");

        s.secondFile = store.recordReceivedFile("P2", "claims-2.csv", 100, sha(2)).id();
        List<Long> b = store.recordClaims(s.secondFile, List.of(
                NewClaim.of(TestRequests.full("B-1", "PAYERB"), List.of(2L)),
                new NewClaim("B-2", "PAYERB", TestRequests.full("B-2", "PAYERB"), List.of(3L),
                        List.of(new Reason(LOCAL_REASON, REASON_WORDS, "service_date")))));
        store.releaseFile(s.secondFile);
        s.unacknowledged = b.get(0);
        s.rejectedLocally = b.get(1);
        clock.advance(Duration.ofMinutes(1));
        ReservedInterchange second = store.reserveInterchange("PAYERB", 100, LocalDateTime.of(2026, 11, 16, 3, 5),
                OperatorScenario::fileName).orElseThrow();
        s.secondIsa13 = second.isa13();
        store.markInterchangeSent(second.id());

        s.refusedFile = store.recordReceivedFile("P1", "broken.csv", 10, sha(3)).id();
        store.markFileRefused(s.refusedFile, "no claim_id column in " + REASON_WORDS);
        s.duplicateFile = store.recordReceivedFile("P1", "claims-1-again.csv", 100, sha(1)).id();
        clock.advance(Duration.ofMinutes(1));
        return s;
    }

    static String fileName(long isa13) {
        return String.format(Locale.ROOT, "retro278-test-%09d.x12", isa13);
    }

    private static String sha(int seed) {
        return String.format(Locale.ROOT, "%064x", seed);
    }
}
