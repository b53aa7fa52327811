package org.retro278.store;

import java.util.Optional;

/**
 * Whether an operator may send a claim again as a new request ({@code retro278 resubmit}), and if not, why, in
 * plain words. The one place this policy lives (docs/operations.md "resubmit"); the switch has no default, so a
 * new state cannot be added without deciding.
 */
final class ResubmitRule {

    private ResubmitRule() {
    }

    /**
     * Why the claim must not be resent, or empty when it may be.
     *
     * @param hasRequest whether the claim has a canonical request (a new request is built from it)
     * @param purged     whether retention removed what it carried
     */
    static Optional<String> refusal(StoredClaim c, boolean hasRequest, boolean purged) {
        if (purged) {
            return Optional.of("purged: its request is no longer kept (the practice sends the claim again)");
        }
        for (Reason r : c.reasons()) {
            if (r.code().equals("FOLLOW_UP:Y") || r.code().equals("FOLLOW_UP:S")) {
                return Optional.of("held by the payer (AAA04 follow-up " + r.code().substring(10)
                        + "): it will answer again; do not resend");
            }
        }
        Optional<String> byState = switch (c.state()) {
            case CERTIFIED, PARTIALLY_CERTIFIED, MODIFIED -> Optional.of(c.state() + ": the payer certified it; a new request"
                    + " would ask again for what is granted");
            case PENDED -> Optional.of("PENDED at the payer: its final decision is awaited; do not resend");
            case READY -> Optional.of("READY: already waiting to be sent");
            case RECEIVED -> Optional.of("RECEIVED: its file is still being read");
            case REJECTED_LOCALLY -> Optional.of("REJECTED_LOCALLY: the input rules refused it; the practice corrects the"
                    + " claim and drops it again");
            case SENT, ACCEPTED -> c.overdue() ? Optional.empty() : Optional.of(c.state() + ": the payer's answer is awaited"
                    + " and not late (a claim flagged OVERDUE may be resent)");
            case REJECTED_BY_GATEWAY, REJECTED_BY_PAYER, DENIED, CANCELLED, CONTACT_PAYER, NOT_REQUIRED, ERROR -> Optional.empty();
        };
        if (byState.isPresent()) {
            return byState;
        }
        if (!hasRequest || c.payerId() == null || c.claimId() == null) {
            return Optional.of(c.state() + " without a request to send (no claim_id, payer or mapped request)");
        }
        return Optional.empty();
    }
}
