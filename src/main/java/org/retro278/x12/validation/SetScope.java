package org.retro278.x12.validation;

/**
 * What is known of a transaction set when it starts.
 *
 * @param guide         the guide chosen at ST, or {@code null} for a set this validator does not know
 * @param schemaChecked whether the set is read against the guide's schema
 * @param st01          the set's identifier as read
 * @param bodyRules     whether the set's body gets the guide's own checks; off when only envelopes are verified
 * @param codeLists     the code lists of the guide when the 278 body rules run, else {@code null}
 */
record SetScope(TransactionGuide guide, boolean schemaChecked, String st01, boolean bodyRules, X217CodeLists codeLists) {

    /** Whether the 278 body rules (HL, dates, situational) run: a 278 request or response checked against its schema. */
    boolean body() {
        return guide != null && guide.is278() && schemaChecked && bodyRules;
    }

    /** Whether the body is a 278 request's. */
    boolean request() {
        return body() && guide == TransactionGuide.X217_REQUEST;
    }
}
