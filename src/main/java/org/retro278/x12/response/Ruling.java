package org.retro278.x12.response;

/**
 * The x12 layer's ruling on one answer (a TA1, a 999 set or group, a 278 response) for the claim it answers:
 * its {@link Verdict} with the words that explain it, decided by {@link VerdictRules}. {@code read} prints it
 * and the response intake applies it, so the two cannot disagree.
 *
 * @param verdict     what the claim becomes; {@code null} when the answer moves nothing (a TA1 that accepts
 *                    the envelope, or rejects a copy the payer already has) or cannot tell (then
 *                    {@code needsReview})
 * @param needsReview whether a person must read the response: a code the 005010 lists do not know, or a
 *                    response without a decision and without a request validation (AAA)
 * @param explanation plain words: what was decided, where, and why this verdict; codes only, never data
 */
public record Ruling(Verdict verdict, boolean needsReview, String explanation) {

    /** Whether the claim moves at all. */
    public boolean changesClaim() {
        return verdict != null;
    }
}
