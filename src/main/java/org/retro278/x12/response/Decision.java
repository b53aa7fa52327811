package org.retro278.x12.response;

import java.util.List;

/**
 * A UMO's decision on the patient event (2000E) or on one service (2000F).
 *
 * @param action                  HCR01, {@code null} when the level carries no HCR (only a reference or dates)
 * @param authorizationNumber     the certification number to put on the claim: HCR02, or, only when HCR02 is
 *                                empty, REF*BB (some payers put it there although REF*BB is meant for the
 *                                previous authorization); {@code null} when neither is there
 * @param authorizationNumberFrom {@code "HCR02"} or {@code "REF*BB"}: where the number was found
 * @param reasons                 HCR03 decision reasons (code source 886, licensed: words only for the few
 *                                codes public material explains)
 * @param adminReference          REF*NT, the UMO's own reference for the case (follow-ups, attachments)
 * @param previousAuthorization   REF*BB, the previous authorization number the request referred to
 * @param secondOpinionRequired   HCR04 (Y/N), {@code null} when absent
 * @param dates                   certified, issue, effective and expiration dates
 */
public record Decision(Code action, String authorizationNumber, String authorizationNumberFrom, List<Code> reasons,
                       String adminReference, String previousAuthorization, Boolean secondOpinionRequired,
                       CertifiedDates dates) {

    public Decision {
        reasons = List.copyOf(reasons);
        dates = dates == null ? CertifiedDates.NONE : dates;
    }

    /** Codes and what is present; the numbers themselves are left out (they identify a patient's case). */
    @Override
    public String toString() {
        return "Decision[action=" + (action == null ? "none" : action.code())
                + ", authorizationNumber=" + (authorizationNumber == null ? "none" : "from " + authorizationNumberFrom)
                + ", reasons=" + reasons.stream().map(Code::code).toList()
                + ", adminReference=" + (adminReference == null ? "none" : "present")
                + ", previousAuthorization=" + (previousAuthorization == null ? "none" : "present")
                + ", " + dates + "]";
    }
}
