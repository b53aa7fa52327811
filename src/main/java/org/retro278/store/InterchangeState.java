package org.retro278.store;

/** Where an interchange stands. */
public enum InterchangeState {
    /** Reserved for later use by a builder that records bytes before sending; not created by this version. */
    BUILDING,
    /** Control numbers allocated and claims linked; the bytes are (being) built and delivered. */
    SENDING,
    /** Delivered to the payer's gateway; all its claims are {@link ClaimState#SENT}. */
    SENT,
    /** Given up: never delivered. Its claims were released and go out again with new numbers. */
    FAILED
}
