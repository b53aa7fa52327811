package org.retro278.store;

import org.retro278.x12.TransactionIds;

/**
 * A claim reserved for an interchange, with the identifiers its transaction set is written with.
 *
 * @param claimKey the store's number for the claim
 * @param claimId  the practice's claim_id
 */
public record ReservedClaim(long claimKey, String claimId, TransactionIds ids) {
}
