package org.retro278.ops;

/**
 * What the adapter's beans did, told to the metrics as it happens ({@link AdapterMetrics}): claim files read,
 * interchanges sent, uploads failed, response files read. Ids and counts only, never a value of a claim. A
 * bean counts nothing until one is given to it ({@link #NONE}).
 */
public interface Activity {

    /** Counts nothing: what a bean reports to until the adapter wires it to the metrics (and in tests). */
    Activity NONE = new Activity() {
    };

    /**
     * A claim file of a practice was read.
     *
     * @param outcome  PROCESSED, REFUSED or DUPLICATE (intake.ClaimFileOutcome.Kind)
     * @param ready    its claims that passed the rules
     * @param rejected its claims the rules refused
     */
    default void claimFile(String practiceId, String outcome, int ready, int rejected) {
    }

    /** An interchange is at the payer's gateway with this many claims, recorded SENT. */
    default void interchangeSent(String payerId, int claims) {
    }

    /** An upload to the payer's gateway failed; the interchange is tried again after its back-off. */
    default void uploadFailed(String payerId) {
    }

    /**
     * A real-time call to the payer's CORE gateway ended.
     *
     * @param outcome answered (an X12 answer), envelope_error, no_answer (it may have reached the payer) or not_sent
     */
    default void realTimeCall(String payerId, String outcome) {
    }

    /** A status file of a practice's claim file (CSV or JSON Lines), this many bytes, is in its outbox. */
    default void statusFileUploaded(String practiceId, long bytes) {
    }

    /**
     * A response file of a payer was read.
     *
     * @param applied   something in it was applied (false: refused as a whole, or a duplicate)
     * @param duplicate the same bytes were applied before
     * @param reported  it goes to {@code .error} with a report (part of it unreadable or unmatched, or refused)
     * @param matched   answers matched to claims
     * @param unmatched answers that matched no claim (kept in the store)
     */
    default void responseFile(String payerId, boolean applied, boolean duplicate, boolean reported, int matched, int unmatched) {
    }
}
