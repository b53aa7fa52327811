package org.retro278.store;

import java.time.Instant;

/**
 * One entry of a claim's audit trail.
 *
 * @param fromState the state before, or {@code null} for the claim's arrival
 * @param toState   the state after (equal to {@code fromState} for events that change no state, such as
 *                  a reservation into an interchange or the overdue flag)
 * @param detail    PHI-free words (identifiers, control numbers, counts), or {@code null}
 */
public record ClaimEvent(long id, long claimKey, Instant occurredAt, ClaimState fromState, ClaimState toState,
                         String detail) {
}
