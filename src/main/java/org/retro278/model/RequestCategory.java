package org.retro278.model;

/** UM01: what kind of review is requested. */
public enum RequestCategory {
    /** Health services review. */
    HS,
    /** Admission review; the event carries the admission date. */
    AR,
    /** Specialty care review (referral). */
    SC
}
