package org.retro278.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * What an operator changes in the store from the command line ({@code retro278 resubmit}, {@code reapply},
 * {@code purge}, and run's retention schedule) and from the web console (resubmit): each one store transaction,
 * guarded like every other change, so that it runs beside a working adapter. The history names the operator.
 *
 * <p>PHI: an operator's reason is kept in the claim's history as typed (docs/operations.md asks for no PHI in it)
 * and never logged.
 */
public interface OperatorActions {

    /** What {@link #resubmit} did with one claim: resubmitted (READY for a new request), or refused with words. */
    record Resubmit(long claimKey, String claimId, ClaimState was, boolean resubmitted, String refusal, String oldTrace) {

        /**
         * What came of it, in the words {@code retro278 resubmit} and the console both show: {@code claim KEY CLAIM_ID:
         * resubmitted (...)} or {@code ...: refused: WHY} (ids, states and trace numbers: no PHI).
         *
         * @param payerId the claim's payer, where the new request goes
         */
        public String words(String payerId) {
            return "claim " + claimKey + " " + (claimId == null ? "(no claim_id)" : claimId) + ": " + (resubmitted
                    ? "resubmitted (was " + was + (oldTrace == null ? "" : ", trace " + oldTrace) + "); a new request goes to "
                    + payerId + " with its next interchange" : "refused: " + refusal);
        }
    }

    /**
     * Sends a claim again as a new request: when {@link ResubmitRule} allows it, the claim goes back to READY without
     * its interchange, control numbers, trace number, BHT03 and the payer's earlier answer, so that the submission
     * reserves it once more under new numbers (a new ST02 makes a new trace number and BHT03) and sends it once.
     * Refused, and nothing changes, for a claim that must not be resent, or when another claim with the same identity
     * (the same claim dropped again) is in flight or decided.
     *
     * @param operator who asked (the history's actor is "operator NAME")
     * @param reason   why, as the operator typed it (the history's detail)
     */
    Resubmit resubmit(long claimKey, String operator, String reason);

    /** What {@link #reapplyResponseFile} did. */
    record Reapplied(long responseFileId, boolean appliedBefore, ResponseSession.Tally tally, int claimsChanged) {
    }

    /**
     * Applies a payer's response file again, after a fix, in one transaction, whether or not these bytes were applied
     * before: what was applied before moves nothing again (every move is guarded); answers that still match nothing
     * replace those kept from the earlier application. The changes are the operator's in the history, each saying the
     * file was applied again; when nothing changes, the history gains nothing.
     */
    Reapplied reapplyResponseFile(String payerId, String fileName, String sha256, String operator, ResponseSession.Work work)
            throws IOException;

    /** A claim file whose claims {@link #purge} reduced to tombstones: what is needed to remove its local copies. */
    record PurgedFile(long fileId, String practiceId, String fileName, boolean nameUsedBefore, int claims) {
    }

    /**
     * Purges, oldest first, at most {@code maxFiles} claim files received before {@code before} whose every claim is
     * {@linkplain ClaimState#isFinal() final} and unchanged since before {@code before} (files without claims:
     * refused, duplicates, included): their claims keep a PHI-free tombstone (ids, states, control numbers, dates,
     * the identity hash) and lose their request, reasons, response details, file rows and dates of service; the file
     * keeps its ids, hashes, outcome and times and loses its name and refusal words (V8__retention_tombstones.sql).
     * Duplicates of a purged file or claim are still caught.
     *
     * @return the files purged (the caller removes their local copies); fewer than {@code maxFiles}: no more are due
     */
    List<PurgedFile> purge(Instant before, int maxFiles);
}
