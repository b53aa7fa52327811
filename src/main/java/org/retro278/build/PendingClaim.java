package org.retro278.build;

import java.util.List;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.x12.TransactionIds;

/**
 * A claim that passed the rules, with the identifiers its transaction set is written with.
 *
 * @param redelivered the complete delivery of a claim whose rows were not adjacent in the file (its
 *                    earlier, incomplete delivery is dropped at the end)
 * @param rows        the file rows of the claim, for reports
 */
public record PendingClaim(RetroAuthorizationRequest request, TransactionIds ids, boolean redelivered, List<Long> rows) {
}
