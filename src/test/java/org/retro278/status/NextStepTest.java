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

    @Test
    void aRequestThePayerHoldsSaysToWaitNotToResendIt() {
        String s = NextStep.of(ClaimState.PENDED, false, null, List.of(new Reason("AAA:42", "patient event: unable to respond"),
                new Reason("FOLLOW_UP:Y", "do not resubmit; we will hold your request and respond again shortly")));
        assertEquals("Held by the payer: it has not decided yet and will answer again (see the follow-up). Do not send the"
                + " claim again; wait for the payer's answer.", s);
    }

    @Test
    void aRejectionSaysWhetherAndWhenToSendAgain() {
        String n = NextStep.of(ClaimState.REJECTED_BY_PAYER, false, null, List.of(new Reason("FOLLOW_UP:N", "resubmission not allowed")));
        assertTrue(n.contains("does not allow the request to be sent again"), n);
        String w = NextStep.of(ClaimState.REJECTED_BY_PAYER, false, null, List.of(new Reason("FOLLOW_UP:W", "wait 30 days")));
        assertTrue(w.contains("Wait 30 days, then send the claim again"), w);
        String c = NextStep.of(ClaimState.REJECTED_BY_PAYER, false, null, List.of(new Reason("FOLLOW_UP:C", "correct")));
        assertTrue(c.endsWith("Correct the data and send the claim again in a new file if the follow-up allows it."), c);
    }
}
