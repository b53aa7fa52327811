package org.retro278.store;

/**
 * Where a claim stands: the fixed status vocabulary of retro278 (the design card,
 * ../shared/docs/architecture.md). The names are stored in the database and shown in status files; they
 * never change.
 */
public enum ClaimState {
    /** Written to the store, not yet checked. */
    RECEIVED(Stamp.NONE),
    /** Refused before sending: bad data, outside the retro window, payer does not take retro requests. */
    REJECTED_LOCALLY(Stamp.NONE),
    /** Checked and waiting to go out in an interchange to its payer. */
    READY(Stamp.READY),
    /** In an interchange the payer's gateway has received. */
    SENT(Stamp.SENT),
    /** Refused by the gateway (TA1 R, 999 IK5 R). */
    REJECTED_BY_GATEWAY(Stamp.ACKNOWLEDGED),
    /** Acknowledged by a 999 (A or E); the decision is awaited. */
    ACCEPTED(Stamp.ACKNOWLEDGED),
    /** HCR A1. */
    CERTIFIED(Stamp.DECIDED),
    /** HCR A2. */
    PARTIALLY_CERTIFIED(Stamp.DECIDED),
    /** HCR A6. */
    MODIFIED(Stamp.DECIDED),
    /** HCR A3. */
    DENIED(Stamp.DECIDED),
    /** HCR A4: the payer keeps the request open. */
    PENDED(Stamp.DECIDED),
    /** HCR C. */
    CANCELLED(Stamp.DECIDED),
    /** HCR CT. */
    CONTACT_PAYER(Stamp.DECIDED),
    /** HCR NA. */
    NOT_REQUIRED(Stamp.DECIDED),
    /** AAA without a decision in the 278 response. */
    REJECTED_BY_PAYER(Stamp.DECIDED),
    /** Something retro278 itself could not do; the reasons say what. Retried or replayed. */
    ERROR(Stamp.NONE);

    /** Which time column a move into the state sets (besides {@code updated_at}). */
    enum Stamp {
        NONE(null), READY("ready_at"), SENT("sent_at"), ACKNOWLEDGED("acknowledged_at"), DECIDED("decided_at");

        final String column;

        Stamp(String column) {
            this.column = column;
        }
    }

    private final Stamp stamp;

    ClaimState(Stamp stamp) {
        this.stamp = stamp;
    }

    Stamp stamp() {
        return stamp;
    }

    /**
     * Whether a claim in this state stops the same claim (the same {@link ClaimIdentity}) dropped again in
     * another file from being taken in: it is then rejected locally as DUPLICATE_CLAIM and never sent.
     * True while the claim is in flight or decided; false where it never got a decision and the practice
     * is expected to correct it and drop it again. The one place this policy lives (docs/rules.md); the
     * switch has no default, so a new state cannot be added without deciding.
     */
    public boolean blocksRedrop() {
        return switch (this) {
            case RECEIVED, READY, SENT, ACCEPTED, PENDED, ERROR, CERTIFIED, PARTIALLY_CERTIFIED, MODIFIED, DENIED, CANCELLED,
                 CONTACT_PAYER, NOT_REQUIRED -> true;
            case REJECTED_LOCALLY, REJECTED_BY_GATEWAY, REJECTED_BY_PAYER -> false;
        };
    }

    /**
     * Whether nothing more happens to a claim in this state by itself: the payer decided for good, or it was
     * rejected (locally, by the gateway, by the payer). Only final claims are purged once older than the retention
     * period ({@code retro278 purge}). PENDED awaits the payer's final decision and ERROR waits for a retry or a
     * replay: neither is final. The switch has no default, so a new state cannot be added without deciding.
     */
    public boolean isFinal() {
        return switch (this) {
            case REJECTED_LOCALLY, REJECTED_BY_GATEWAY, CERTIFIED, PARTIALLY_CERTIFIED, MODIFIED, DENIED, CANCELLED,
                 CONTACT_PAYER, NOT_REQUIRED, REJECTED_BY_PAYER -> true;
            case RECEIVED, READY, SENT, ACCEPTED, PENDED, ERROR -> false;
        };
    }

    /** Whether the {@code overdue} flag may be set on a claim in this state (an answer is awaited). */
    public boolean awaitsAnswer() {
        return this == SENT || this == ACCEPTED || this == PENDED;
    }
}
