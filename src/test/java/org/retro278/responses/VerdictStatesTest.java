package org.retro278.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.retro278.store.ClaimState;
import org.retro278.x12.response.Verdict;

/** {@code read} prints a verdict's name as the claim state: each verdict leads to the state of that name. */
class VerdictStatesTest {

    @Test
    void eachVerdictLeadsToTheClaimStateOfItsName() {
        for (Verdict v : Verdict.values()) {
            assertEquals(ClaimState.valueOf(v.name()), VerdictStates.of(v), v.name());
        }
    }
}
