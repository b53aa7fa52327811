package org.retro278.store;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.retro278.model.RetroAuthorizationRequest;

/**
 * What the response handling may do inside the ONE transaction in which a payer's response file is
 * applied: find claims by the keys responses carry, move them (guarded: only from the states given),
 * record a decision, keep what matches nothing. Nothing is visible to others until the whole file is
 * applied; a failure rolls the whole file back.
 */
public interface ResponseSession {

    /** Claims sent in the interchange with this ISA13 (what a TA1 acknowledges). */
    List<StoredClaim> claimsOfInterchange(long isa13);

    /** Claims sent in the functional group with this GS06 (what a 999's AK1 acknowledges). */
    List<StoredClaim> claimsOfGroup(long gs06);

    /** The claim sent in the transaction set GS06/ST02 (what a 999's AK2 acknowledges). */
    Optional<StoredClaim> claimOfSet(long gs06, long st02);

    /** The claim with this trace number (TRN02 our request carried; a 278 response echoes it). */
    Optional<StoredClaim> claimByTrace(String traceNumber);

    /** The claim with this BHT03. */
    Optional<StoredClaim> claimByBht03(String bht03);

    /** The canonical request of a claim (PHI: for matching service lines, never for logs). */
    Optional<RetroAuthorizationRequest> request(long claimKey);

    /**
     * Moves a claim to {@code to} if it is in one of {@code from}, with the reasons it is there now.
     *
     * @param detail PHI-free words for the history
     * @return whether it moved
     */
    boolean move(long claimKey, Collection<ClaimState> from, ClaimState to, List<Reason> reasons, String detail);

    /**
     * Records the payer's decision on a claim if it is in one of {@code from}: its new state, the
     * authorization number, HCR01, the administrative reference, the reasons and the response's details
     * (JSON, PHI-free: codes, numbers, dates of the decision, per-service outcomes).
     *
     * @return whether it changed
     */
    boolean decide(long claimKey, Collection<ClaimState> from, ClaimState to, String authorizationNumber, String decisionCode,
                   String adminReference, String responseJson, List<Reason> reasons, String detail);

    /** Keeps a response (or acknowledgment) that matched no claim. */
    void unmatched(String kind, String reference, String summaryJson);

    /** Work applied to a response file in one transaction; it may run again when the transaction is retried. */
    @FunctionalInterface
    interface Work {
        /** @return what the file contained, for the record */
        Tally apply(ResponseSession session) throws IOException;
    }

    /** Counts of a response file: items read, matched to claims, matched to nothing, problems reported. */
    record Tally(int items, int matched, int unmatched, int problems) {
    }
}
