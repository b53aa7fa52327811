package org.retro278.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.retro278.model.RetroAuthorizationRequest;

/**
 * What an operator asks the store ({@code retro278 status}, {@code retro278 claim}): counts, the claims that need
 * a look, files refused, interchanges unanswered, and one claim's whole history. Read-only; every list is paged
 * (at most {@code limit} rows after a key) and every query runs on an index (V6__claim_history_causes.sql,
 * V9__claim_tally.sql); status's counts come from the claim tally, not the claims, except with {@code since}.
 *
 * <p>PHI: everything here is ids, states, codes, counts and times, except {@link #request}, which an operator
 * asks for explicitly ({@code --show-phi}).
 */
public interface OperatorView {

    /** The claims, files and interchanges {@link #status} counts and lists; {@code null} means any. */
    record StatusFilter(String practiceId, String payerId, Instant since) {
        public static final StatusFilter ALL = new StatusFilter(null, null, null);
    }

    /** Rows of a list, and how many there are in all (more than the rows when the list was cut). */
    record Page<T>(List<T> rows, long total) {
        public Page {
            rows = List.copyOf(rows);
        }
    }

    /** How many claims of one practice for one payer are in one state ({@code payerId} may be null). */
    record ClaimCount(ClaimState state, String payerId, String practiceId, long count) {
    }

    /** A claim in a list: ids, state, codes and times only. */
    record ClaimSummary(long key, String practiceId, String claimId, String payerId, ClaimState state, boolean overdue,
                        List<String> reasonCodes, Long isa13, Long st02, String traceNumber, Instant receivedAt,
                        Instant updatedAt) {
        public ClaimSummary {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    /** A claim file that went to {@code .error}: refused as a whole, or a duplicate of an earlier file. */
    record FileSummary(long id, String practiceId, String fileName, FileOutcome outcome, Long duplicateOf,
                       Instant receivedAt) {
    }

    /** An interchange: in {@link #status}, one sent (or being sent) whose claims the payer has not acknowledged yet. */
    record InterchangeSummary(long id, String payerId, long isa13, long gs06, String fileName, InterchangeState state,
                              int transactionCount, long awaiting, int attempts, Instant createdAt, Instant sentAt) {
    }

    /** What {@link #status} finds. */
    record StoreStatus(List<ClaimCount> counts, Page<ClaimSummary> overdue, Page<ClaimSummary> failed,
                       Page<FileSummary> errorFiles, Page<InterchangeSummary> unacknowledged) {
        public StoreStatus {
            counts = List.copyOf(counts);
        }

        /** Whether the filter matched anything at all. */
        public boolean isEmpty() {
            return counts.isEmpty() && errorFiles.total() == 0 && unacknowledged.total() == 0;
        }
    }

    /**
     * One row of a claim's history: the change, when, who or what made it, and what it came from (the
     * received file, the interchange, the payer's response file; their names where the store has them).
     * Rows written before V6 have no actor and no cause.
     */
    record ClaimChange(long id, Instant at, ClaimState from, ClaimState to, String actor, Long receivedFileId,
                       String receivedFileName, Long interchangeId, Long isa13, String interchangeFileName,
                       Long responseFileId, String responseFileName, String detail) {
    }

    /**
     * Claims per state, payer and practice; the overdue claims; the claims in ERROR or rejected, with their reason
     * codes; the files in {@code .error}; the interchanges not acknowledged; each list at most {@code limit} rows.
     * {@code since} counts claims received, files received and interchanges created from that moment on; with a
     * payer, no file is listed (a claim file belongs to a practice).
     */
    StoreStatus status(StatusFilter filter, int limit);

    /** The newest claim files received (every outcome), newest first, at most {@code limit}. */
    List<FileSummary> recentFiles(int limit);

    /** The newest interchanges (every state), newest first, at most {@code limit}. */
    List<InterchangeSummary> recentInterchanges(int limit);

    /** The claim with this key. */
    Optional<StoredClaim> claim(long key);

    /** The claims with this claim_id of the practice (of any practice for {@code null}), by key, after {@code afterKey}. */
    List<StoredClaim> claimsById(String claimId, String practiceId, long afterKey, int limit);

    /** The claim whose current transaction set carries this TRN02. */
    Optional<StoredClaim> claimByTrace(String traceNumber);

    /** The claims sent in the interchange with this ISA13, or the one of its set ST02 when {@code st02} is given. */
    List<StoredClaim> claimsOfInterchange(long isa13, Long st02, long afterKey, int limit);

    /** The claims of the files with this name (of the practice, or of any for {@code null}), by key. */
    List<StoredClaim> claimsOfFileNamed(String fileName, String practiceId, long afterKey, int limit);

    /** The claims of a payer in a state, by key, after {@code afterKey} (what {@code resubmit --state} walks). */
    List<StoredClaim> claimsInState(ClaimState state, String payerId, long afterKey, int limit);

    /** The claim file with this id. */
    Optional<ReceivedFile> file(long fileId);

    /** Every change of the claim, oldest first. */
    List<ClaimChange> history(long claimKey);

    /** The claim's canonical request: PHI, for an operator who asked for it. */
    Optional<RetroAuthorizationRequest> request(long claimKey);
}
