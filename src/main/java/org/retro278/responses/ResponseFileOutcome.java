package org.retro278.responses;

/**
 * What became of one response file a payer sent (the response intake's counterpart of
 * intake/ClaimFileOutcome).
 */
public record ResponseFileOutcome(boolean applied, boolean duplicate, int items, int matched, int unmatched, int problems,
                                  String report) {
}
