package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.retro278.store.ClaimState;

/** The one place that maps what a payer says to a claim state, rule by rule. */
class ClaimStateRollupTest {

    private static Decision decision(String action) {
        return new Decision(new Code(action, "words for " + action), null, null, List.of(), null, null, null, null);
    }

    private static List<ServiceDecision> services(String... actions) {
        List<ServiceDecision> out = new ArrayList<>();
        for (int i = 0; i < actions.length; i++) {
            out.add(new ServiceDecision(i + 1, String.valueOf(i + 5), List.of(), null, null,
                    actions[i] == null ? null : decision(actions[i])));
        }
        return out;
    }

    private static Rejection aaa(String loop, Integer service) {
        return new Rejection(loop, service, false, new Code("62", "date of service not within allowable inquiry period"),
                new Code("N", "resubmission not allowed"));
    }

    private static ClaimState state(String event, String... services) {
        return ClaimStateRollup.of(false, List.of(), event == null ? null : decision(event), services(services)).state();
    }

    @ParameterizedTest(name = "event {0} -> {1}")
    @CsvSource({"A1, CERTIFIED", "A2, PARTIALLY_CERTIFIED", "A3, DENIED", "A4, PENDED", "A6, MODIFIED", "C, CANCELLED",
            "CT, CONTACT_PAYER", "NA, NOT_REQUIRED"})
    void eachActionCodeAtTheEvent(String action, ClaimState expected) {
        ClaimOutcome outcome = ClaimStateRollup.of(false, List.of(), decision(action), List.of());
        assertEquals(expected, outcome.state());
        assertFalse(outcome.needsReview());
    }

    @Test
    void servicesMixingCertifiedAndNotArePartial() {
        assertEquals(ClaimState.PARTIALLY_CERTIFIED, state(null, "A1", "A3"));
        assertEquals(ClaimState.PARTIALLY_CERTIFIED, state("A1", "A1", "A3"));
        assertEquals(ClaimState.PARTIALLY_CERTIFIED, state(null, "A6", "A3"));
        assertEquals(ClaimState.PARTIALLY_CERTIFIED, state("A2", "A1", "A1"), "an A2 anywhere is partial");
    }

    @Test
    void servicesThatAgreeGiveTheirState() {
        assertEquals(ClaimState.CERTIFIED, state(null, "A1", "A1"));
        assertEquals(ClaimState.DENIED, state("A3", "A3", "A3"));
        assertEquals(ClaimState.CERTIFIED, state("A1", null, null), "services without a decision: the event's");
    }

    @Test
    void certifiedNextToModifiedIsModified() {
        assertEquals(ClaimState.MODIFIED, state("A6", "A1"), "TR3 example 2b: stay cut, surgery certified");
        assertEquals(ClaimState.MODIFIED, state(null, "A1", "A6"));
    }

    @Test
    void cancelledAndNotRequiredServicesDoNotChangeTheRest() {
        assertEquals(ClaimState.CERTIFIED, state(null, "A1", "NA"));
        assertEquals(ClaimState.DENIED, state(null, "A3", "C"));
        assertEquals(ClaimState.CANCELLED, state(null, "C", "NA"));
    }

    @Test
    void contactPayerAnywhereInAMixAsksForAPerson() {
        assertEquals(ClaimState.CONTACT_PAYER, state("A1", "A1", "CT"));
    }

    @Test
    void pendedWhenAnyPartIsPendedOrMoreIsToFollow() {
        assertEquals(ClaimState.PENDED, state("A2", "A1", "A4"));
        assertEquals(ClaimState.PENDED, ClaimStateRollup.of(true, List.of(), decision("A1"), List.of()).state(),
                "BHT06 = 19 keeps the claim open whatever the interim decision");
        assertEquals(ClaimState.PENDED, ClaimStateRollup.of(true, List.of(), null, List.of()).state());
    }

    @Test
    void aaaWithoutAnyDecisionIsRejectedByThePayer() {
        ClaimOutcome outcome = ClaimStateRollup.of(false, List.of(aaa("2010C", null)), null, services((String) null));
        assertEquals(ClaimState.REJECTED_BY_PAYER, outcome.state());
        assertTrue(outcome.explanation().contains("AAA 62 (date of service not within allowable inquiry period) at 2010C"),
                outcome.explanation());
        assertTrue(outcome.explanation().contains("follow-up N (resubmission not allowed)"), outcome.explanation());
    }

    @Test
    void aaaNextToADecisionLeavesTheDecision() {
        ClaimOutcome outcome = ClaimStateRollup.of(false, List.of(aaa("2010EA", null)), decision("A1"), List.of());
        assertEquals(ClaimState.CERTIFIED, outcome.state());
    }

    @Test
    void aServiceRejectedByAaaNextToCertifiedOnesIsPartial() {
        ClaimOutcome outcome = ClaimStateRollup.of(false, List.of(aaa("2000F", 2)), decision("A1"), services("A1", null));
        assertEquals(ClaimState.PARTIALLY_CERTIFIED, outcome.state());
        assertTrue(outcome.explanation().contains("1 service rejected (AAA) without a decision"), outcome.explanation());
    }

    @Test
    void unknownActionCodeNeedsReview() {
        ClaimOutcome atEvent = ClaimStateRollup.of(false, List.of(), decision("IP"), List.of());
        assertEquals(ClaimState.CONTACT_PAYER, atEvent.state());
        assertTrue(atEvent.needsReview());
        assertTrue(atEvent.explanation().contains("HCR01 IP at the patient event"), atEvent.explanation());
        ClaimOutcome atService = ClaimStateRollup.of(false, List.of(), decision("A1"), services("D"));
        assertTrue(atService.needsReview());
        assertTrue(atService.explanation().contains("HCR01 D at a service"), atService.explanation());
    }

    @Test
    void neitherDecisionNorRejectionNeedsReview() {
        ClaimOutcome outcome = ClaimStateRollup.of(false, List.of(), null, services((String) null));
        assertEquals(ClaimState.CONTACT_PAYER, outcome.state());
        assertTrue(outcome.needsReview());
    }

    @ParameterizedTest(name = "IK501 {0} -> {1}")
    @CsvSource({"A, ACCEPTED", "E, ACCEPTED", "R, REJECTED_BY_GATEWAY", "M, REJECTED_BY_GATEWAY", "W, REJECTED_BY_GATEWAY",
            "X, REJECTED_BY_GATEWAY"})
    void acknowledgedSets(String ik501, ClaimState expected) {
        assertEquals(expected, ClaimStateRollup.ofSet(new Code(ik501, "words")).state());
    }

    @Test
    void unknownSetStatusNeedsReview() {
        ClaimOutcome outcome = ClaimStateRollup.ofSet(new Code("Q", "unknown"));
        assertNull(outcome.state());
        assertTrue(outcome.needsReview());
        assertTrue(ClaimStateRollup.ofSet(null).needsReview());
    }

    @Test
    void groupStatusForSetsWithoutTheirOwnAk2() {
        assertEquals(ClaimState.ACCEPTED, ClaimStateRollup.ofGroup(new Code("A", "accepted")).state());
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, ClaimStateRollup.ofGroup(new Code("R", "rejected")).state());
        assertTrue(ClaimStateRollup.ofGroup(new Code("P", "partially accepted")).needsReview());
    }

    @Test
    void interchangeAcknowledgments() {
        Code noError = new Code("000", "no error");
        assertNull(ClaimStateRollup.ofInterchange(new Code("A", "accepted"), noError).state());
        assertNull(ClaimStateRollup.ofInterchange(new Code("E", "accepted with errors"), new Code("021", "count")).state());
        ClaimOutcome rejected = ClaimStateRollup.ofInterchange(new Code("R", "rejected"), new Code("006", "invalid sender"));
        assertEquals(ClaimState.REJECTED_BY_GATEWAY, rejected.state());
        assertTrue(rejected.explanation().contains("TA105 006"), rejected.explanation());
        assertTrue(ClaimStateRollup.ofInterchange(null, null).needsReview());
    }
}
