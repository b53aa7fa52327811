package org.retro278.x12.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.retro278.x12.validation.X12Validator;

/** The one place that says what a payer's answer means for the claim (its verdict), rule by rule. */
class VerdictRulesTest {

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

    private static RequestValidation aaa(String loop, Integer service) {
        return new RequestValidation(loop, service, false, new Code("62", "date of service not within allowable inquiry period"),
                new Code("N", "resubmission not allowed"));
    }

    private static Verdict state(String event, String... services) {
        return VerdictRules.of(false, List.of(), event == null ? null : decision(event), services(services)).verdict();
    }

    @ParameterizedTest(name = "event {0} -> {1}")
    @CsvSource({"A1, CERTIFIED", "A2, PARTIALLY_CERTIFIED", "A3, DENIED", "A4, PENDED", "A6, MODIFIED", "C, CANCELLED",
            "CT, CONTACT_PAYER", "NA, NOT_REQUIRED"})
    void eachActionCodeAtTheEvent(String action, Verdict expected) {
        Ruling ruling = VerdictRules.of(false, List.of(), decision(action), List.of());
        assertEquals(expected, ruling.verdict());
        assertFalse(ruling.needsReview());
    }

    @Test
    void servicesMixingCertifiedAndNotArePartial() {
        assertEquals(Verdict.PARTIALLY_CERTIFIED, state(null, "A1", "A3"));
        assertEquals(Verdict.PARTIALLY_CERTIFIED, state("A1", "A1", "A3"));
        assertEquals(Verdict.PARTIALLY_CERTIFIED, state(null, "A6", "A3"));
        assertEquals(Verdict.PARTIALLY_CERTIFIED, state("A2", "A1", "A1"), "an A2 anywhere is partial");
    }

    @Test
    void servicesThatAgreeGiveTheirState() {
        assertEquals(Verdict.CERTIFIED, state(null, "A1", "A1"));
        assertEquals(Verdict.DENIED, state("A3", "A3", "A3"));
        assertEquals(Verdict.CERTIFIED, state("A1", null, null), "services without a decision: the event's");
    }

    @Test
    void certifiedNextToModifiedIsModified() {
        assertEquals(Verdict.MODIFIED, state("A6", "A1"), "TR3 example 2b: stay cut, surgery certified");
        assertEquals(Verdict.MODIFIED, state(null, "A1", "A6"));
    }

    @Test
    void cancelledAndNotRequiredServicesDoNotChangeTheRest() {
        assertEquals(Verdict.CERTIFIED, state(null, "A1", "NA"));
        assertEquals(Verdict.DENIED, state(null, "A3", "C"));
        assertEquals(Verdict.CANCELLED, state(null, "C", "NA"));
    }

    @Test
    void contactPayerAnywhereInAMixAsksForAPerson() {
        assertEquals(Verdict.CONTACT_PAYER, state("A1", "A1", "CT"));
    }

    @Test
    void pendedWhenAnyPartIsPendedOrMoreIsToFollow() {
        assertEquals(Verdict.PENDED, state("A2", "A1", "A4"));
        assertEquals(Verdict.PENDED, VerdictRules.of(true, List.of(), decision("A1"), List.of()).verdict(),
                "BHT06 = 19 keeps the claim open whatever the interim decision");
        assertEquals(Verdict.PENDED, VerdictRules.of(true, List.of(), null, List.of()).verdict());
    }

    @Test
    void aaaWithoutAnyDecisionIsRejectedByThePayer() {
        Ruling ruling = VerdictRules.of(false, List.of(aaa("2010C", null)), null, services((String) null));
        assertEquals(Verdict.REJECTED_BY_PAYER, ruling.verdict());
        assertTrue(ruling.explanation().contains("AAA 62 (date of service not within allowable inquiry period) at 2010C"),
                ruling.explanation());
        assertTrue(ruling.explanation().contains("follow-up N (resubmission not allowed)"), ruling.explanation());
    }

    @Test
    void aaaNextToADecisionLeavesTheDecision() {
        Ruling ruling = VerdictRules.of(false, List.of(aaa("2010EA", null)), decision("A1"), List.of());
        assertEquals(Verdict.CERTIFIED, ruling.verdict());
    }

    @Test
    void aServiceRejectedByAaaNextToCertifiedOnesIsPartial() {
        Ruling ruling = VerdictRules.of(false, List.of(aaa("2000F", 2)), decision("A1"), services("A1", null));
        assertEquals(Verdict.PARTIALLY_CERTIFIED, ruling.verdict());
        assertTrue(ruling.explanation().contains("1 service rejected (AAA) without a decision"), ruling.explanation());
    }

    @Test
    void unknownActionCodeNeedsReview() {
        Ruling atEvent = VerdictRules.of(false, List.of(), decision("IP"), List.of());
        assertEquals(Verdict.CONTACT_PAYER, atEvent.verdict());
        assertTrue(atEvent.needsReview());
        assertTrue(atEvent.explanation().contains("HCR01 IP at the patient event"), atEvent.explanation());
        Ruling atService = VerdictRules.of(false, List.of(), decision("A1"), services("D"));
        assertTrue(atService.needsReview());
        assertTrue(atService.explanation().contains("HCR01 D at a service"), atService.explanation());
    }

    @Test
    void neitherDecisionNorRejectionNeedsReview() {
        Ruling ruling = VerdictRules.of(false, List.of(), null, services((String) null));
        assertEquals(Verdict.CONTACT_PAYER, ruling.verdict());
        assertTrue(ruling.needsReview());
    }

    @ParameterizedTest(name = "IK501 {0} -> {1}")
    @CsvSource({"A, ACCEPTED", "E, ACCEPTED", "R, REJECTED_BY_GATEWAY", "M, REJECTED_BY_GATEWAY", "W, REJECTED_BY_GATEWAY",
            "X, REJECTED_BY_GATEWAY"})
    void acknowledgedSets(String ik501, Verdict expected) {
        assertEquals(expected, VerdictRules.ofSet(new Code(ik501, "words")).verdict());
    }

    @Test
    void unknownSetStatusNeedsReview() {
        Ruling ruling = VerdictRules.ofSet(new Code("Q", "unknown"));
        assertNull(ruling.verdict());
        assertTrue(ruling.needsReview());
        assertTrue(VerdictRules.ofSet(null).needsReview());
    }

    private static AcknowledgedSet set(String st02, String ik501) {
        return new AcknowledgedSet("278", st02, "005010X217", new Code(ik501, "words"), List.of(), List.of(),
                VerdictRules.ofSet(new Code(ik501, "words")));
    }

    private static Ruling group(String ak901, List<AcknowledgedSet> sets, Integer included, Integer received,
                                      Integer accepted) {
        return VerdictRules.ofGroup(new Code(ak901, "words"), sets, included, received, accepted);
    }

    @Test
    void groupStatusForSetsWithoutTheirOwnAk2() {
        assertEquals(Verdict.ACCEPTED, group("A", List.of(), 2, 2, 2).verdict());
        assertEquals(Verdict.ACCEPTED, group("E", List.of(set("0001", "E")), 2, 2, 2).verdict());
        assertEquals(Verdict.REJECTED_BY_GATEWAY, group("R", List.of(), 2, 2, 0).verdict());
        assertTrue(group("P", List.of(set("0001", "A"), set("0002", "R")), 2, 2, 1).needsReview(),
                "every received set has its AK2: nothing is left for a set without one");
        assertTrue(VerdictRules.ofGroup(null, List.of(), null, null, null).needsReview());
        assertTrue(group("Q", List.of(), 1, 1, 1).needsReview(), "an AK901 the guide does not know decides nothing");
    }

    @Test
    void partlyAcceptedGroupWithoutAnyAk2CannotBeDecided() {
        Ruling none = group("P", List.of(), 3, 3, 2);
        assertNull(none.verdict(), "P says a set was rejected, and no AK2 says which");
        assertTrue(none.needsReview());
        assertNull(group("P", List.of(), 2, 2, 2).verdict(), "counts that accept every set do not explain the P");
    }

    @Test
    void partlyAcceptedGroupAcceptsTheUnlistedSetsOnlyWhenTheCountsSaySo() {
        List<AcknowledgedSet> oneRejected = List.of(set("0002", "R"));
        Ruling counted = group("P", oneRejected, 3, 3, 2);
        assertEquals(Verdict.ACCEPTED, counted.verdict(), counted.explanation());
        assertFalse(counted.needsReview());
        assertTrue(counted.explanation().contains("2 sets without an AK2"), counted.explanation());
        assertNull(group("P", oneRejected, 3, 3, 1).verdict(), "AK904 leaves one unlisted set not accepted: which one?");
        assertNull(group("P", oneRejected, 3, 2, 1).verdict(), "a set was not received (AK902 > AK903): which one?");
        assertNull(group("P", oneRejected, null, null, null).verdict(), "no counts, no decision");
        assertNull(group("P", List.of(set("0001", "A")), 3, 3, 2).verdict(), "no listed rejection explains the P");
    }

    @Test
    void interchangeAcknowledgments() {
        Code noError = new Code("000", "no error");
        assertNull(VerdictRules.ofInterchange(new Code("A", "accepted"), noError).verdict());
        assertNull(VerdictRules.ofInterchange(new Code("E", "accepted with errors"), new Code("021", "count")).verdict());
        Ruling rejected = VerdictRules.ofInterchange(new Code("R", "rejected"), new Code("006", "invalid sender"));
        assertEquals(Verdict.REJECTED_BY_GATEWAY, rejected.verdict());
        assertTrue(rejected.explanation().contains("TA105 006"), rejected.explanation());
        assertTrue(VerdictRules.ofInterchange(null, null).needsReview());
    }

    @Test
    void aTa1RejectingADuplicateInterchangeChangesNoClaim() {
        Ruling duplicate = VerdictRules.ofInterchange(new Code("R", "rejected"), new Code("025", "duplicate"));
        assertNull(duplicate.verdict(), "the payer has the first copy: its answers decide (docs/reliability.md)");
        assertFalse(duplicate.needsReview());
        assertTrue(duplicate.explanation().contains("TA105 025"), duplicate.explanation());
        assertTrue(VerdictRules.duplicateInterchange(new Code("R", "rejected"), new Code("025", "duplicate")));
        assertFalse(VerdictRules.duplicateInterchange(new Code("E", "with errors"), new Code("025", "duplicate")));
    }

    // ------------------------------------------------------------------ AAA04 follow-ups: which end the request

    private static RequestValidation aaa(String loop, Integer service, String followUp) {
        return new RequestValidation(loop, service, false, new Code("42", "unable to respond at current time"),
                followUp == null ? null : new Code(followUp, "words for " + followUp));
    }

    @Test
    void everyFollowUpOfTheGuideEitherHoldsOrEndsTheRequest() {
        Set<String> guide = X12Validator.create().responseCodeLists()
                .codesWithNames("2000A", "AAA", 4, null).keySet();
        assertEquals(Set.of("C", "N", "P", "R", "S", "W", "X", "Y"), guide);
        for (String code : guide) {
            assertTrue(VerdictRules.HOLDING.contains(code) ^ VerdictRules.ENDING.contains(code), code);
        }
    }

    @ParameterizedTest(name = "AAA04 {0} -> {1}")
    @CsvSource({"Y, PENDED", "S, PENDED", "C, REJECTED_BY_PAYER", "N, REJECTED_BY_PAYER", "P, REJECTED_BY_PAYER",
            "R, REJECTED_BY_PAYER", "W, REJECTED_BY_PAYER", "X, REJECTED_BY_PAYER", "Q, REJECTED_BY_PAYER"})
    void aFollowUpThatHoldsTheRequestKeepsItOpen(String followUp, Verdict expected) {
        Ruling o = VerdictRules.of(false, List.of(aaa("2000E", null, followUp)), null, List.of());
        assertEquals(expected, o.verdict(), o::explanation);
        assertFalse(o.needsReview());
    }

    @Test
    void aHeldRequestWithAnyOtherRejectionIsRejected() {
        assertEquals(Verdict.REJECTED_BY_PAYER, VerdictRules.of(false,
                List.of(aaa("2000E", null, "Y"), aaa("2010C", null, "C")), null, List.of()).verdict());
        assertEquals(Verdict.REJECTED_BY_PAYER, VerdictRules.of(false,
                List.of(aaa("2000E", null, null)), null, List.of()).verdict(), "no follow-up: the AAA rejects");
        Ruling held = VerdictRules.of(false, List.of(aaa("2000E", null, "Y")), null, List.of());
        assertTrue(held.explanation().contains("will respond again"), held.explanation());
    }

    @Test
    void aServiceHeldNextToDecidedOnesKeepsTheClaimPended() {
        Ruling o = VerdictRules.of(false, List.of(aaa("2000F", 2, "Y")), null, services("A1", null));
        assertEquals(Verdict.PENDED, o.verdict(), o::explanation);
        assertTrue(o.explanation().contains("1 service held by the payer"), o.explanation());
        assertEquals(Verdict.PARTIALLY_CERTIFIED,
                VerdictRules.of(false, List.of(aaa("2000F", 2, "C")), null, services("A1", null)).verdict(),
                "a service rejected for good is not certified");
    }

    // ------------------------------------------------------------------ a 999 that contradicts itself

    @Test
    void aRejectedGroupWithAnAcceptedSetOrTheReverseContradictsItself() {
        Code r = new Code("R", "rejected");
        Code a = new Code("A", "accepted");
        assertTrue(VerdictRules.contradicts(r, List.of(set("0001", "A"), set("0002", "R"))));
        assertTrue(VerdictRules.contradicts(new Code("W", "w"), List.of(set("0001", "E"))));
        assertTrue(VerdictRules.contradicts(a, List.of(set("0001", "R"))));
        assertFalse(VerdictRules.contradicts(r, List.of(set("0001", "R"))));
        assertFalse(VerdictRules.contradicts(new Code("P", "p"), List.of(set("0001", "A"), set("0002", "R"))));
        Ruling unlisted = VerdictRules.ofGroup(a, List.of(set("0001", "R")), 2, 2, 1);
        assertNull(unlisted.verdict(), "an accepted group with a rejected set accepts no set without an AK2");
        assertTrue(unlisted.needsReview());
        assertNull(VerdictRules.ofContradictedSet(r, new Code("A", "accepted")).verdict());
    }

    @Test
    void aRepeatedIk5DecidesOnlyWhenItAgrees() {
        Code a = new Code("A", "accepted");
        assertEquals(Verdict.ACCEPTED, VerdictRules.ofSet(a, new Code("A", "accepted")).verdict());
        Ruling two = VerdictRules.ofSet(a, new Code("R", "rejected"));
        assertNull(two.verdict());
        assertTrue(two.needsReview());
    }
}
