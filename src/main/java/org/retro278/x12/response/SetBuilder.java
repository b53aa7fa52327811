package org.retro278.x12.response;

import java.util.List;
import org.retro278.x12.X12Problem;

/** Builds one document from the segments of one transaction set, as the reader hands them over. */
interface SetBuilder {

    /**
     * Which elements of a segment to copy, as a bit set of element positions (bit n = element n); 0 for
     * none. Asked at the start of each segment, so it may depend on where the set is (a REF in a name loop
     * may hold a social security number: never asked for).
     */
    long wants(String tag);

    /** A segment whose wanted elements were copied. */
    void segment(SegmentValues values);

    /** Whether the set is one the reader reports (a 278 turns out to be a request at its BHT: not reported). */
    boolean reported();

    /** The document, once the set has ended, with the problems found in it. */
    InboundDocument build(List<X12Problem> problems);

    static long bits(int... positions) {
        long mask = 0L;
        for (int p : positions) {
            mask |= 1L << p;
        }
        return mask;
    }
}
