package org.retro278.status;

import java.util.List;
import org.retro278.store.ClaimState;
import org.retro278.store.Reason;

/**
 * What a practice should do next about a claim, in plain words, from its state and the codes of its
 * reasons. One place, so the status files and any other view say the same.
 */
public final class NextStep {

    private NextStep() {
    }

    public static String of(ClaimState state, boolean overdue, String authorizationNumber, List<Reason> reasons) {
        String s = switch (state) {
            case RECEIVED -> "Being checked; nothing to do yet.";
            case REJECTED_LOCALLY -> rejectedLocally(reasons);
            case READY -> "Checked and waiting to be sent to the payer; nothing to do yet.";
            case SENT -> "Sent to the payer; waiting for its acknowledgment.";
            case REJECTED_BY_GATEWAY -> "The payer's gateway rejected the transmission (see the codes). retro278 support must look"
                    + " at it; the claim can be sent again once the cause is fixed.";
            case ACCEPTED -> "Accepted by the payer's gateway; waiting for the payer's decision.";
            case CERTIFIED -> "Approved. Put authorization number " + (authorizationNumber == null ? "(none given: call the payer)"
                    : authorizationNumber) + " on the claim.";
            case PARTIALLY_CERTIFIED -> "Partly approved. Bill the approved services with authorization number "
                    + (authorizationNumber == null ? "(see the service lines)" : authorizationNumber)
                    + "; for the others, see the reasons and consider an appeal.";
            case MODIFIED -> "Approved with changes (for example fewer days or units). Bill what was approved with authorization number "
                    + (authorizationNumber == null ? "(none given: call the payer)" : authorizationNumber) + ".";
            case DENIED -> "Denied. See the reasons; submit the claim and appeal, or contact the payer.";
            case PENDED -> pended(reasons);
            case CANCELLED -> "Cancelled at the payer; nothing more will happen to this request.";
            case CONTACT_PAYER -> "The payer asks you to contact it about this request.";
            case NOT_REQUIRED -> "The payer says no authorization is required: submit the claim as is.";
            case REJECTED_BY_PAYER -> rejectedByPayer(reasons);
            case ERROR -> "retro278 could not handle this claim (a defect or an outage); support has the details. Nothing was"
                    + " sent for it.";
        };
        if (overdue) {
            s = "OVERDUE: the payer's answer is late. " + s;
        }
        return s;
    }

    private static String pended(List<Reason> reasons) {
        if (reasons.stream().anyMatch(r -> r.code().startsWith("PWK:"))) {
            return "Pended by the payer: it asks for documents. Send the documents listed in the reasons (PWK), the way"
                    + " each says, quoting the administrative reference; a final decision follows.";
        }
        if (has(reasons, "FOLLOW_UP:Y") || has(reasons, "FOLLOW_UP:S")) {
            return "Held by the payer: it has not decided yet and will answer again (see the follow-up). Do not send the"
                    + " claim again; wait for the payer's answer.";
        }
        return "Pended by the payer: it needs more information (often documents). Send what the payer asks for,"
                + " quoting the administrative reference; a final decision follows.";
    }

    /** AAA04 says whether and when the request may be sent again. */
    private static String rejectedByPayer(List<Reason> reasons) {
        String start = "The payer could not process the request (see the codes and the follow-up). ";
        if (has(reasons, "FOLLOW_UP:N")) {
            return start + "It does not allow the request to be sent again: contact the payer, or submit the claim and appeal.";
        }
        if (has(reasons, "FOLLOW_UP:W") || has(reasons, "FOLLOW_UP:X")) {
            return start + "Wait " + (has(reasons, "FOLLOW_UP:W") ? "30" : "10") + " days, then send the claim again in a"
                    + " new file (corrected where the codes say).";
        }
        return start + "Correct the data and send the claim again in a new file if the follow-up allows it.";
    }

    private static boolean has(List<Reason> reasons, String code) {
        return reasons.stream().anyMatch(r -> code.equals(r.code()));
    }

    private static String rejectedLocally(List<Reason> reasons) {
        for (Reason r : reasons) {
            if ("RETRO_WINDOW_EXCEEDED".equals(r.code())) {
                return "The payer's retro window has passed: submit the claim and appeal the missing authorization with the payer.";
            }
            if ("RETRO_NOT_ACCEPTED".equals(r.code())) {
                return "This payer takes no retro requests through EDI: use its portal, or submit the claim and appeal.";
            }
            if ("DUPLICATE_CLAIM".equals(r.code())) {
                return "Already taken in from an earlier file (the reasons name it): this copy was not sent. Follow the"
                        + " earlier claim's status; to send it again on purpose, ask retro278 support to resubmit it.";
            }
            if ("X12_INVALID".equals(r.code())) {
                return "retro278 could not build a valid request (a defect of retro278); support has the details.";
            }
        }
        return "Not sent: correct what the reasons say and send the claim again in a new file.";
    }
}
