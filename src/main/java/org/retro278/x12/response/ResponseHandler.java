package org.retro278.x12.response;

import org.retro278.x12.X12Problem;

/** Receives what a {@link ResponseReader} reads, in file order, on the reading thread. */
public interface ResponseHandler {

    /** A document, complete with the problems found inside it. */
    void document(InboundDocument document);

    /**
     * A problem outside any document: an envelope (ISA, GS, GE, IEA), a transaction set the reader does not
     * report (with a {@code NOT_READ} problem saying so), or the point where reading stopped
     * ({@code UNREADABLE}; a set cut short there is not handed over).
     */
    void problem(X12Problem problem);
}
