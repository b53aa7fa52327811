package org.retro278.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.retro278.rules.RejectionCode;

/**
 * An earlier claim with the identity of a new one, in a state that blocks taking the new one in
 * ({@link ClaimState#blocksRedrop()}), as {@link ReceivedFiles#earlierClaims} finds it.
 */
record EarlierClaim(long key, long fileId, String fileName, Instant fileReceivedAt, ClaimState state, Instant sentAt) {

    /** The reason the new claim is rejected with: plain words for the practice (the file name may be PHI). */
    Reason duplicateReason() {
        String received = fileReceivedAt.truncatedTo(ChronoUnit.SECONDS).toString();
        String what = sentAt != null ? "already sent in" : "already taken in from";
        return new Reason(RejectionCode.DUPLICATE_CLAIM.name(), "the same claim (practice, claim_id, payer, patient, "
                + "request category, admission date, dates of service) was " + what + " '" + fileName + "' received "
                + received + " (file " + fileId + "), now " + state + "; not sent again; a deliberate resend is the "
                + "operator's resubmit of that claim");
    }
}
