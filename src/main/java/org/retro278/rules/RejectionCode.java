package org.retro278.rules;

/**
 * Why a claim was refused before anything was sent. The names are stable (status files and reports
 * carry them); each has plain words for people.
 */
public enum RejectionCode {
    ROW_DEFECT("A row of the claim could not be read reliably"),
    MISSING_CLAIM_ID("The row has no claim_id"),
    INVALID_CLAIM_ID("The claim_id cannot be carried in a 278"),
    INCONSISTENT_CLAIM_ROWS("Rows of the claim disagree on claim-level columns"),
    MISSING_VALUE("A required value is missing"),
    NOT_APPLICABLE("A value was given that does not apply to this claim"),
    INVALID_CODE("A code is not in its code list"),
    INVALID_DATE("A date is not a real calendar date in the layout's format"),
    FUTURE_DATE("A date lies in the future"),
    DATE_ORDER("Dates are in an impossible order"),
    INVALID_NPI("An NPI is not 10 digits with a valid check digit"),
    INVALID_DIAGNOSIS("A diagnosis code is not a well-formed ICD-10-CM code"),
    INVALID_PROCEDURE("A procedure code is not a well-formed CPT or HCPCS code"),
    INVALID_MODIFIER("A procedure modifier is not two letters or digits"),
    INVALID_REVENUE_CODE("A revenue code is not four digits"),
    INVALID_QUANTITY("Service units are not a positive number"),
    INVALID_AMOUNT("A charge is not an amount of money"),
    INVALID_TEXT("A text has characters a 278 cannot carry"),
    TOO_LONG("A value is longer than the 278 element that carries it"),
    TOO_SHORT("A value is shorter than the 278 element that carries it"),
    TOO_MANY("More values than the 278 can carry"),
    UNKNOWN_PAYER("No payer profile has this payer_id"),
    RETRO_NOT_ACCEPTED("The payer does not accept retrospective requests over EDI"),
    RETRO_WINDOW_EXCEEDED("The service is older than the payer's retro window"),
    ATTACHMENT_REQUIRED("The payer requires supporting documents for retro requests"),
    X12_INVALID("The 278 built for the claim failed implementation-guide validation (a defect of retro278)"),
    DUPLICATE_CLAIM("The same claim came in an earlier file and is in flight or decided; this copy is not sent");

    private final String words;

    RejectionCode(String words) {
        this.words = words;
    }

    /** What the code means, in plain words. */
    public String words() {
        return words;
    }
}
