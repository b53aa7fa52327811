package org.retro278.x12.response;

import java.util.List;
import org.retro278.x12.ElementsWanted;
import org.retro278.x12.X12Problem;

/**
 * Builds one document from the segments of one transaction set, as the reader hands them over: what every
 * builder has is the set's envelope, the words for its codes and the table of the elements it reads.
 */
abstract class SetBuilder {

    final CodeWords words;
    final Envelope envelope;
    private final ElementsWanted wanted;

    SetBuilder(CodeWords words, Envelope envelope, ElementsWanted wanted) {
        this.words = words;
        this.envelope = envelope;
        this.wanted = wanted;
    }

    /**
     * Which elements of a segment to copy (see {@link ElementsWanted#of}); 0 for none. Asked at the start of
     * each segment, so a builder may make it depend on where the set is (a REF in a name loop may hold a
     * social security number: never asked for).
     */
    long wants(String tag) {
        return wanted.of(tag);
    }

    /** A segment whose wanted elements were copied. */
    abstract void segment(SegmentValues values);

    /** Whether the set is one the reader reports: only a 278 may turn out to be a request at its BHT (not reported). */
    boolean reported() {
        return true;
    }

    /** The document, once the set has ended, with the problems found in it. */
    abstract InboundDocument build(List<X12Problem> problems);
}
