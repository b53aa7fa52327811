package org.retro278.store;

import java.util.List;
import java.util.Objects;

/**
 * One guarded state change: the claim moves only if it is in {@code from} at that moment.
 *
 * @param reasons why the claim is in its new state (replacing the reasons it had); empty for none
 * @param detail  PHI-free words for the audit trail (identifiers, control numbers), or {@code null}
 */
public record ClaimMove(long claimKey, ClaimState from, ClaimState to, List<Reason> reasons, String detail) {
    public ClaimMove {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            throw new IllegalArgumentException("a move changes the state; " + from + " to itself is not one");
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** A move that leaves the claim without reasons. */
    public ClaimMove(long claimKey, ClaimState from, ClaimState to, String detail) {
        this(claimKey, from, to, List.of(), detail);
    }
}
