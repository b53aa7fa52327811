package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.retro278.testing.PhiWords;
import org.slf4j.LoggerFactory;

/** Every log event of the JVM while open (as logged, before any masking in a pattern), for PHI checks. */
final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.setName("retro278-test-capture");
        appender.start();
        root.addAppender(appender);
    }

    List<ILoggingEvent> events() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    /** The text of an event: its formatted message and the messages of its exception chain. */
    static String text(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage() == null ? "" : e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }

    /**
     * Fails when a captured event shows one of the values (as a whole word, in any case). All values are searched at
     * once ({@link PhiWords}): with every logger at DEBUG a capture holds tens of thousands of events.
     */
    void assertNoneShows(Collection<String> values) {
        PhiWords words = PhiWords.of(values);
        for (ILoggingEvent e : events()) {
            String text = text(e);
            words.firstIn(text).ifPresent(v -> fail("a " + e.getLevel() + " line of " + e.getLoggerName()
                    + " shows the sample's PHI value " + v + ": " + text));
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
