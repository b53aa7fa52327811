package org.retro278.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.retro278.testing.TestClock;

/**
 * Claims in known states at known times, for the tests of what the metrics count (store.ClaimCensus,
 * ops.AdapterMetrics). On a clock stopped at {@link #SENT_AT}, practice P1 sends six claims:
 * <pre>
 *   C1 PAYERA READY
 *   C2 PAYERA REJECTED_LOCALLY
 *   C3 PAYERA SENT, flagged OVERDUE
 *   C4 PAYERA SENT, ACCEPTED 2 h later, CERTIFIED 1 day after that
 *   C5 PAYERB SENT, ACCEPTED 30 min later
 *   C6 PAYERB SENT, DENIED 3 h later (a decision without a 999)
 * </pre>
 */
public final class CensusScenario {

    public static final Instant SENT_AT = Instant.parse("2026-11-16T15:00:00Z");

    private CensusScenario() {
    }

    /** Plays the scenario; the clock must stand at {@link #SENT_AT}. Returns the claims' keys by claim id. */
    public static Map<String, Long> play(TransactionStore store, TestClock clock) {
        if (!clock.instant().equals(SENT_AT)) {
            throw new IllegalStateException("the clock must stand at " + SENT_AT);
        }
        StoreInspection inspect = new StoreInspection(store);
        long fileId = store.recordReceivedFile("P1", "census.csv", 100, "%064x".formatted(4242)).id();
        List<NewClaim> claims = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String payer = i <= 4 ? "PAYERA" : "PAYERB";
            claims.add(NewClaim.of(TestRequests.simple("C" + i, payer, LocalDate.of(2026, 11, 1)), List.of((long) i + 1)));
        }
        List<Long> keys = store.recordClaims(fileId, claims);
        Map<String, Long> byId = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            byId.put("C" + (i + 1), keys.get(i));
        }
        inspect.rejectLocally(byId.get("C2"), List.of(new Reason("TEST", "refused for the test", null)));
        for (String id : List.of("C1", "C3", "C4", "C5", "C6")) {
            inspect.move(byId.get(id), ClaimState.RECEIVED, ClaimState.READY, "checked");
        }
        inspect.markFileProcessed(fileId);
        for (String id : List.of("C3", "C4", "C5", "C6")) {
            inspect.move(byId.get(id), ClaimState.READY, ClaimState.SENT, "sent");
        }
        store.flagOverdue(List.of(byId.get("C3")), "no acknowledgment");
        clock.advance(Duration.ofMinutes(30));
        inspect.move(byId.get("C5"), ClaimState.SENT, ClaimState.ACCEPTED, "999 A");
        clock.advance(Duration.ofMinutes(90));
        inspect.move(byId.get("C4"), ClaimState.SENT, ClaimState.ACCEPTED, "999 A");
        clock.advance(Duration.ofHours(1));
        inspect.move(byId.get("C6"), ClaimState.SENT, ClaimState.DENIED, "HCR A3");
        clock.advance(Duration.ofHours(23));
        inspect.move(byId.get("C4"), ClaimState.ACCEPTED, ClaimState.CERTIFIED, "HCR A1");
        return byId;
    }
}
