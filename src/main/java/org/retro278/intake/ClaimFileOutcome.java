package org.retro278.intake;

/**
 * What became of one claim file a practice sent (the intake's counterpart of responses/ResponseFileOutcome).
 *
 * @param fileId   the store's number for the file
 * @param ready    claims that passed the rules and wait for the submission
 * @param rejected claims refused by the input rules
 * @param report   for a file that goes to .error: the report to put beside it (plain words; may quote the
 *                 file, so it goes to the practice, never to a log), else {@code null}
 */
public record ClaimFileOutcome(Kind kind, long fileId, int ready, int rejected, String report) {

    public enum Kind {
        /** Read; its claims are READY or REJECTED_LOCALLY. Moves to .done. */
        PROCESSED,
        /** Refused as a whole (not a claim file we can read). Moves to .error with a report. */
        REFUSED,
        /** The same bytes came from this practice before; nothing is sent again. Moves to .error with a report. */
        DUPLICATE
    }
}
