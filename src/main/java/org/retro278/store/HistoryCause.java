package org.retro278.store;

/**
 * Who or what made a change of a claim, and what it came from: written beside every row of the claim's history
 * (V6__claim_history_causes.sql), so that {@code retro278 claim} can say why a claim is where it is.
 *
 * @param actor          the part of retro278 (or later the operator) that made the change
 * @param receivedFileId the claim file the change came from, or {@code null}
 * @param interchangeId  the interchange, or {@code null}
 * @param responseFileId the payer's response file, or {@code null}
 */
record HistoryCause(String actor, Long receivedFileId, Long interchangeId, Long responseFileId) {

    static final String INTAKE = "intake";
    static final String SUBMISSION = "submission";
    static final String RESPONSE_INTAKE = "response intake";
    static final String DEADLINE_WATCH = "deadline watch";
    /** The actor of what an operator did: this, a space and the operator's name. */
    static final String OPERATOR = "operator";

    /** Reading a practice's claim file. */
    static HistoryCause intake(long receivedFileId) {
        return new HistoryCause(INTAKE, receivedFileId, null, null);
    }

    /** Building, sending or giving up an interchange. */
    static HistoryCause submission(long interchangeId) {
        return new HistoryCause(SUBMISSION, null, interchangeId, null);
    }

    /** Applying a payer's response file. */
    static HistoryCause response(long responseFileId) {
        return new HistoryCause(RESPONSE_INTAKE, null, null, responseFileId);
    }

    /** What an operator did ({@code resubmit}, from the command line or the console); the name is cut to fit the column. */
    static HistoryCause operator(String name) {
        return new HistoryCause(Sql.clip(OPERATOR + " " + name, 64), null, null, null);
    }

    /** An operator applying a payer's response file again ({@code reapply}). */
    static HistoryCause operatorResponse(String name, long responseFileId) {
        return new HistoryCause(Sql.clip(OPERATOR + " " + name, 64), null, null, responseFileId);
    }

    /** Watching the acknowledgment and decision deadlines. */
    static HistoryCause deadlineWatch() {
        return new HistoryCause(DEADLINE_WATCH, null, null, null);
    }
}
