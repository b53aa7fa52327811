package org.retro278.responses;

import java.io.IOException;

/** A payer's response file that is not X12 at all: nothing in it is applied (the store transaction rolls back). */
public final class NotX12File extends IOException {
    private static final long serialVersionUID = 1L;

    NotX12File() {
        super("the file is not X12 (it does not start with an ISA segment)");
    }
}
