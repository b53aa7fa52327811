package org.retro278.responses;

import org.retro278.store.ClaimState;
import org.retro278.x12.response.Verdict;

/**
 * The claim state each verdict of the response reader leads to: the one bridge between the reader's words
 * (org.retro278.x12.response, which decides) and the store's fixed states. The switch has no default, so a
 * new verdict cannot be added without saying where it leads.
 */
final class VerdictStates {

    private VerdictStates() {
    }

    static ClaimState of(Verdict verdict) {
        return switch (verdict) {
            case ACCEPTED -> ClaimState.ACCEPTED;
            case REJECTED_BY_GATEWAY -> ClaimState.REJECTED_BY_GATEWAY;
            case CERTIFIED -> ClaimState.CERTIFIED;
            case PARTIALLY_CERTIFIED -> ClaimState.PARTIALLY_CERTIFIED;
            case MODIFIED -> ClaimState.MODIFIED;
            case DENIED -> ClaimState.DENIED;
            case PENDED -> ClaimState.PENDED;
            case CANCELLED -> ClaimState.CANCELLED;
            case CONTACT_PAYER -> ClaimState.CONTACT_PAYER;
            case NOT_REQUIRED -> ClaimState.NOT_REQUIRED;
            case REJECTED_BY_PAYER -> ClaimState.REJECTED_BY_PAYER;
        };
    }
}
