package org.retro278.store;

/** What became of a received claim file. */
public enum FileOutcome {
    /** Recorded; its claims are being read. */
    RECEIVED,
    /** Read completely; every claim it held is in the store. */
    PROCESSED,
    /** Refused as a whole (for example an unreadable layout); the refusal reason says why. */
    REFUSED,
    /** The same bytes came from the same practice before; never processed again. */
    DUPLICATE
}
