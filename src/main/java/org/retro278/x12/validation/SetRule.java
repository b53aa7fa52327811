package org.retro278.x12.validation;

/**
 * One family of our own checks on transaction sets (envelope, HL tree, dates, situational rules, the 999's
 * counts...), each in its own class behind this interface, the way StAEDI keeps one validator per kind of
 * syntax rule. A family sees the segments it asked for, in order, and keeps its own per-set state.
 */
interface SetRule {

    /**
     * Which elements of a segment the family reads, as a bit set of element positions (bit n = element n);
     * 1 alone (bit 0) means "the segment, no values". Elements nobody asks for are never copied out of the
     * reader: names, member ids and diagnosis codes stay where they are, and copying less is faster.
     */
    long wants(String tag);

    /** A set begins (its ST has been read and its guide chosen). */
    default void startSet(SetScope scope) {
    }

    /** A segment the family asked for, once it has been read completely. */
    void segment(Segment s);

    /** The set ended at its SE. */
    default void endSet() {
    }

    /** The bit set of {@link #wants} for some element positions. */
    static long elements(int... positions) {
        long mask = 1L;
        for (int p : positions) {
            mask |= 1L << p;
        }
        return mask;
    }
}
