package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.store.OperatorView.ClaimChange;
import org.retro278.store.OperatorView.StatusFilter;
import org.retro278.store.OperatorView.StoreStatus;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class OperatorQueriesTest extends StoreTestBase {

    OperatorScenario s;
    OperatorView view;

    OperatorQueriesTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @BeforeEach
    void scenario() throws Exception {
        s = OperatorScenario.build(store, clock);
        view = store.operatorView();
    }

    private static Map<ClaimState, Long> perState(StoreStatus status) {
        return status.counts().stream().collect(Collectors.groupingBy(OperatorView.ClaimCount::state,
                Collectors.summingLong(OperatorView.ClaimCount::count)));
    }

    @Test
    void statusCountsListsAndPages() {
        StoreStatus all = view.status(StatusFilter.ALL, 50);
        assertEquals(Map.of(ClaimState.ACCEPTED, 1L, ClaimState.REJECTED_BY_GATEWAY, 1L, ClaimState.SENT, 2L,
                ClaimState.REJECTED_LOCALLY, 1L), perState(all));
        assertEquals(List.of(s.overdue), all.overdue().rows().stream().map(OperatorView.ClaimSummary::key).toList());
        assertEquals(List.of(s.rejectedLocally, s.rejectedByGateway),
                all.failed().rows().stream().map(OperatorView.ClaimSummary::key).toList(), "newest first");
        assertEquals(List.of(OperatorScenario.LOCAL_REASON), all.failed().rows().get(0).reasonCodes());
        assertEquals(List.of(OperatorScenario.GATEWAY_REASON), all.failed().rows().get(1).reasonCodes());
        assertEquals(List.of(s.duplicateFile, s.refusedFile),
                all.errorFiles().rows().stream().map(OperatorView.FileSummary::id).toList());
        assertEquals(FileOutcome.DUPLICATE, all.errorFiles().rows().get(0).outcome());
        assertEquals(s.firstFile, all.errorFiles().rows().get(0).duplicateOf());
        List<OperatorView.InterchangeSummary> unacked = all.unacknowledged().rows();
        assertEquals(List.of(s.firstIsa13, s.secondIsa13), unacked.stream().map(OperatorView.InterchangeSummary::isa13).toList());
        assertEquals(1, unacked.get(0).awaiting(), "the overdue claim is still SENT");
        assertEquals(3, unacked.get(0).transactionCount());
        assertFalse(all.isEmpty());

        StoreStatus cut = view.status(StatusFilter.ALL, 1);
        assertEquals(1, cut.failed().rows().size());
        assertEquals(2, cut.failed().total());
        assertEquals(2, cut.errorFiles().total());
        assertEquals(2, cut.unacknowledged().total());
    }

    @Test
    void statusFiltersByPracticePayerAndDate() {
        StoreStatus p2 = view.status(new StatusFilter("P2", null, null), 50);
        assertEquals(Map.of(ClaimState.SENT, 1L, ClaimState.REJECTED_LOCALLY, 1L), perState(p2));
        assertEquals(0, p2.errorFiles().total(), "the refused and duplicate files are P1's");
        assertEquals(List.of(s.secondIsa13), p2.unacknowledged().rows().stream().map(OperatorView.InterchangeSummary::isa13).toList());

        StoreStatus payerA = view.status(new StatusFilter(null, "PAYERA", null), 50);
        assertEquals(3, payerA.counts().stream().mapToLong(OperatorView.ClaimCount::count).sum());
        assertEquals(List.of(s.firstIsa13), payerA.unacknowledged().rows().stream().map(OperatorView.InterchangeSummary::isa13).toList());
        assertEquals(0, payerA.errorFiles().total(), "a claim file belongs to no payer");

        StoreStatus later = view.status(new StatusFilter(null, null, clock.instant()), 50);
        assertTrue(later.isEmpty(), later.toString());
        StoreStatus nobody = view.status(new StatusFilter("P9", null, null), 50);
        assertTrue(nobody.isEmpty());
        StoreStatus early = view.status(new StatusFilter(null, null, Instant.parse("2026-11-16T00:00:00Z")), 50);
        assertEquals(perState(view.status(StatusFilter.ALL, 50)), perState(early));
    }

    @Test
    void aClaimIsFoundByIdTraceControlNumbersAndFile() {
        StoredClaim a2 = view.claim(s.rejectedByGateway).orElseThrow();
        assertEquals(List.of(s.rejectedByGateway), keys(view.claimsById("A-2", null, 0, 10)));
        assertEquals(List.of(s.rejectedByGateway), keys(view.claimsById("A-2", "P1", 0, 10)));
        assertTrue(view.claimsById("A-2", "P2", 0, 10).isEmpty());
        assertEquals(s.rejectedByGateway, view.claimByTrace(a2.traceNumber()).orElseThrow().key());
        assertEquals(List.of(s.accepted, s.rejectedByGateway, s.overdue), keys(view.claimsOfInterchange(s.firstIsa13, null, 0, 10)));
        assertEquals(List.of(s.rejectedByGateway), keys(view.claimsOfInterchange(s.firstIsa13, a2.st02(), 0, 10)));
        assertEquals(List.of(s.rejectedByGateway, s.overdue), keys(view.claimsOfInterchange(s.firstIsa13, null, s.accepted, 10)),
                "paged after a key");
        assertEquals(List.of(s.unacknowledged, s.rejectedLocally), keys(view.claimsOfFileNamed("claims-2.csv", null, 0, 10)));
        assertEquals(List.of(s.unacknowledged), keys(view.claimsOfFileNamed("claims-2.csv", "P2", 0, 1)));
        assertTrue(view.claimsOfFileNamed("claims-2.csv", "P1", 0, 10).isEmpty());
        assertEquals(OperatorScenario.MEMBER_ID, view.request(s.accepted).orElseThrow().subscriber().memberId());
    }

    @Test
    void theHistoryNamesEveryCauseAndActor() {
        List<ClaimChange> h = view.history(s.rejectedByGateway);
        // the reservation has no row of its own: the interchange records it once for all its claims
        assertEquals(4, h.size(), h.toString());
        ClaimChange arrival = h.get(0);
        assertNull(arrival.from());
        assertEquals("intake", arrival.actor());
        assertEquals(s.firstFile, arrival.receivedFileId());
        assertEquals("claims-1.csv", arrival.receivedFileName());
        assertEquals(ClaimState.READY, h.get(1).to());
        assertEquals("intake", h.get(1).actor());
        assertEquals("submission", h.get(2).actor());
        assertEquals(s.firstIsa13, h.get(2).isa13());
        assertEquals(OperatorScenario.fileName(s.firstIsa13), h.get(2).interchangeFileName());
        assertEquals(ClaimState.SENT, h.get(2).to());
        ClaimChange rejection = h.get(3);
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, rejection.to());
        assertEquals("response intake", rejection.actor());
        assertEquals(s.responseFile, rejection.responseFileId());
        assertEquals("999-payera-1.x12", rejection.responseFileName());
        assertTrue(rejection.detail().startsWith("999 rejected set ST02"), rejection.detail());

        List<ClaimChange> overdue = view.history(s.overdue);
        ClaimChange flag = overdue.get(overdue.size() - 1);
        assertEquals("deadline watch", flag.actor());
        assertEquals(ClaimState.SENT, flag.from());
        assertEquals(ClaimState.SENT, flag.to());
        assertTrue(flag.at().isAfter(h.get(0).at()));
    }

    private static List<Long> keys(List<StoredClaim> claims) {
        return claims.stream().map(StoredClaim::key).toList();
    }
}
