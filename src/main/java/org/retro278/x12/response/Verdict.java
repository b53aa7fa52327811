package org.retro278.x12.response;

/**
 * What a payer's answer says about the claim it concerns, in this package's own words (decided by {@link
 * VerdictRules}). Each verdict is named after the claim state it leads to, so {@code read} prints the
 * same names the store keeps; the store side maps them to its states (org.retro278.responses.VerdictStates)
 * and this package does not depend on the store.
 */
public enum Verdict {
    /** 999 IK501 (or AK901) A or E: the gateway took the set; the decision follows. */
    ACCEPTED,
    /** TA1 R, or 999 IK501 (or AK901) M, R, W, X: the gateway refused it; fix and resubmit. */
    REJECTED_BY_GATEWAY,
    /** HCR01 A1. */
    CERTIFIED,
    /** HCR01 A2, or certified and not certified services together. */
    PARTIALLY_CERTIFIED,
    /** HCR01 A6, or A1 next to A6. */
    MODIFIED,
    /** HCR01 A3. */
    DENIED,
    /** HCR01 A4 or BHT06 = 19: the payer will send its decision later. */
    PENDED,
    /** HCR01 C. */
    CANCELLED,
    /** HCR01 CT, or an answer that cannot be read (then the ruling needs review). */
    CONTACT_PAYER,
    /** HCR01 NA. */
    NOT_REQUIRED,
    /** AAA without any decision. */
    REJECTED_BY_PAYER
}
