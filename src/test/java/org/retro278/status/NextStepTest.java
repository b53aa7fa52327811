package org.retro278.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.retro278.store.ClaimState;
import org.retro278.store.Reason;

/** What the status files tell the practice to do next. */
class NextStepTest {

    private static final Reason PENDED = new Reason("HCR01:A4", "patient event: pended");

    @Test
    void pendedWithDocumentsRequestedPointsAtThem() {
        String s = NextStep.of(ClaimState.PENDED, false, null, List.of(PENDED,
                new Reason("PWK:AS", "documents requested: Admission Summary (AS), by voice (VO)")));
        assertTrue(s.startsWith("Pended by the payer"), s);
        assertTrue(s.contains("Send the documents listed in the reasons (PWK)"), s);
        assertTrue(s.contains("administrative reference"), s);
    }

    @Test
    void pendedWithoutDocumentsRequestedKeepsTheGeneralStep() {
        String s = NextStep.of(ClaimState.PENDED, false, null, List.of(PENDED, new Reason("HCR03:0U", "patient event: ...")));
        assertEquals("Pended by the payer: it needs more information (often documents). Send what the payer asks for,"
                + " quoting the administrative reference; a final decision follows.", s);
    }

    @Test
    void overduePendedSaysSoFirst() {
        String s = NextStep.of(ClaimState.PENDED, true, null, List.of(new Reason("PWK:OB", "service 1: documents requested")));
        assertTrue(s.startsWith("OVERDUE: the payer's answer is late. Pended by the payer"), s);
        assertTrue(s.contains("(PWK)"), s);
    }

    @Test
    void aPwkReasonDoesNotChangeOtherStates() {
        List<Reason> reasons = List.of(new Reason("PWK:AS", "documents requested: Admission Summary (AS), by voice (VO)"));
        assertEquals("Approved. Put authorization number AUTH1 on the claim.", NextStep.of(ClaimState.CERTIFIED, false, "AUTH1", reasons));
        assertTrue(NextStep.of(ClaimState.DENIED, false, null, reasons).startsWith("Denied."));
    }

    @Test
    void aDuplicateClaimPointsAtTheEarlierCopyInsteadOfAskingForACorrection() {
        String s = NextStep.of(ClaimState.REJECTED_LOCALLY, false, null, List.of(new Reason("DUPLICATE_CLAIM",
                "the same claim was already sent in 'a.csv' received 2026-11-15T10:00:00Z (file 1), now CERTIFIED")));
        assertTrue(s.startsWith("Already taken in from an earlier file"), s);
        assertTrue(s.contains("resubmit"), s);
        assertTrue(NextStep.of(ClaimState.REJECTED_LOCALLY, false, null, List.of(new Reason("MISSING_VALUE", "x")))
                .startsWith("Not sent: correct"));
    }
}
