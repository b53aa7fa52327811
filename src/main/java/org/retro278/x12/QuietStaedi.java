package org.retro278.x12;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Silences StAEDI's java.util.logging warning about writers without control schemas. */
public final class QuietStaedi {
    /** Held so that the configured level is not lost when the logger would be collected. */
    private static Logger writerLogger;

    private QuietStaedi() {
    }

    public static synchronized void install() {
        if (writerLogger == null) {
            writerLogger = Logger.getLogger("io.xlate.edi.internal.stream.StaEDIStreamWriter");
            writerLogger.setLevel(Level.SEVERE);
        }
    }
}
