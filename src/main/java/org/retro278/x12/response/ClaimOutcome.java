package org.retro278.x12.response;

import org.retro278.store.ClaimState;

/**
 * What a response or acknowledgment means for the claim it answers (decided by {@link ClaimStateRollup}).
 *
 * @param state       the claim state it moves to; {@code null} when it moves nothing (a TA1 that accepts
 *                    the envelope) or cannot tell (then {@code needsReview})
 * @param needsReview whether a person must read the response: a code the 005010 lists do not know, or a
 *                    response without a decision and without a rejection
 * @param explanation plain words: what was decided, where, and why this state; codes only, never data
 */
public record ClaimOutcome(ClaimState state, boolean needsReview, String explanation) {
}
