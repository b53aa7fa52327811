package org.retro278.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A claim as the store knows it, without its canonical request (PHI; the routes get it with
 * {@link TransactionStore#forEachRequest} or {@link ResponseSession#request(long)} when it is needed).
 *
 * @param key                 the store's number for the claim (a practice's claim_id is unique only per file)
 * @param fileId              the file it came from
 * @param claimId             the practice's claim_id, or {@code null} for rows that had none
 * @param payerId             or {@code null} when the claim names none
 * @param overdue             an acknowledgment or decision is late (only while SENT, ACCEPTED or PENDED)
 * @param rows                the file rows it came from
 * @param earliestServiceDate or {@code null} without a request
 * @param latestServiceDate   or {@code null} without a request
 * @param traceNumber         TRN02 of its current transaction set, or {@code null} before a reservation
 * @param bht03               BHT03 of its current transaction set, or {@code null}
 * @param st02                ST02 of its current transaction set, or {@code null}
 * @param gs06                GS06 of its interchange, or {@code null}
 * @param isa13               ISA13 of its interchange, or {@code null}
 * @param interchangeId       the interchange it is reserved for or went out in, or {@code null}
 * @param attempt             how many times it has been reserved for an interchange
 * @param reasons             why it is in its current state (rejections, errors); PHI possible
 * @param decisionCode        HCR01 of the payer's decision, or {@code null}
 * @param adminReference      the payer's administrative reference (REF*NT), or {@code null}
 */
public record StoredClaim(long key, long fileId, String practiceId, String claimId, String payerId, ClaimState state,
                          boolean overdue, List<Long> rows, LocalDate earliestServiceDate, LocalDate latestServiceDate,
                          String traceNumber, String bht03, Long st02, Long gs06, Long isa13, Long interchangeId,
                          int attempt, List<Reason> reasons, Instant receivedAt, Instant updatedAt, Instant readyAt,
                          Instant sentAt, Instant acknowledgedAt, Instant decidedAt, String authorizationNumber,
                          String decisionCode, String adminReference) {
    public StoredClaim {
        rows = List.copyOf(rows);
        reasons = List.copyOf(reasons);
    }

    /** Identifiers and state only: reasons may quote PHI, service dates are PHI. */
    @Override
    public String toString() {
        return "StoredClaim[key=" + key + ", claimId=" + claimId + ", payerId=" + payerId + ", state=" + state
                + (overdue ? ", overdue" : "") + (isa13 != null ? ", isa13=" + isa13 + ", st02=" + st02 : "") + "]";
    }
}
