package org.retro278.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/** Hands every log event to the {@link PhiScan} (when it is on): its formatted message and its exception chain. */
public final class PhiScanAppender extends AppenderBase<ILoggingEvent> {

    @Override
    protected void append(ILoggingEvent e) {
        if (!PhiScan.ENABLED) {
            return;
        }
        String message = e.getFormattedMessage() == null ? "" : e.getFormattedMessage();
        if (e.getThrowableProxy() == null) {
            PhiScan.scan(e.getLevel().toString(), e.getLoggerName(), e.getThreadName(), message);
            return;
        }
        StringBuilder b = new StringBuilder(message);
        int depth = 0;
        for (IThrowableProxy t = e.getThrowableProxy(); t != null && depth < 20; t = t.getCause(), depth++) {
            b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (IThrowableProxy s : t.getSuppressed()) {
                b.append(" | suppressed ").append(s.getClassName()).append(": ").append(s.getMessage());
            }
        }
        PhiScan.scan(e.getLevel().toString(), e.getLoggerName(), e.getThreadName(), b.toString());
    }
}
