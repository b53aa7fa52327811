package org.retro278.x12.validation;

import org.retro278.x12.ElementsWanted;

/**
 * One family of our own checks on transaction sets (envelope, HL tree, dates, situational rules, the 999's
 * counts...), each in its own class behind this interface, the way StAEDI keeps one validator per kind of
 * syntax rule. A family sees the segments it asked for, in order, and keeps its own per-set state.
 */
interface SetRule {

    /** Which elements of which segments the family reads (a segment with none of its values: the segment alone). */
    ElementsWanted wanted();

    /** A set begins (its ST has been read and its guide chosen). */
    default void startSet(SetScope scope) {
    }

    /** A segment the family asked for, once it has been read completely. */
    void segment(Segment s);

    /** The set ended at its SE. */
    default void endSet() {
    }
}
