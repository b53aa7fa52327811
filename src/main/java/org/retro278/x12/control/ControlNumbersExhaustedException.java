package org.retro278.x12.control;

import java.io.IOException;

/** All nine-digit numbers of a kind have been handed out; an operator must decide how to go on. */
public class ControlNumbersExhaustedException extends IOException {
    private static final long serialVersionUID = 1L;

    public ControlNumbersExhaustedException(ControlNumberKind kind, long next, int count) {
        super("no more " + kind.element() + " control numbers: the next is " + next + " and " + count
                + " more would pass " + ControlNumberKind.MAX);
    }
}
