package org.retro278.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.retro278.io.SecureFiles;
import org.slf4j.LoggerFactory;

/**
 * Sends the log to a file instead of the terminal, for commands whose terminal output is for a person to read
 * (the demo). The file gets the same pattern, PHI masking included, and is owner-only. Closing puts the
 * terminal appender back. With a logging configuration of the user's own that has no {@code STDERR} appender
 * (logback.xml's), nothing is changed.
 */
public final class LogFile implements AutoCloseable {

    static final String CONSOLE_APPENDER = "STDERR";

    private final Logger root;
    private final Appender<ILoggingEvent> console;
    private final FileAppender<ILoggingEvent> file;

    private LogFile(Logger root, Appender<ILoggingEvent> console, FileAppender<ILoggingEvent> file) {
        this.root = root;
        this.console = console;
        this.file = file;
    }

    /** Moves the log to {@code path} (created owner-only), or leaves it where it is (empty) when it cannot. */
    public static Optional<LogFile> redirectTo(Path path) throws IOException {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender(CONSOLE_APPENDER);
        if (console == null) {
            return Optional.empty();
        }
        SecureFiles.createPrivateDirectories(path.toAbsolutePath().getParent());
        SecureFiles.createPrivateFile(path);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(patternOf(console));
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("retro278-log-file");
        file.setFile(path.toString());
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        root.addAppender(file);
        root.detachAppender(console);
        return Optional.of(new LogFile(root, console, file));
    }

    private static String patternOf(Appender<ILoggingEvent> console) {
        if (console instanceof OutputStreamAppender<ILoggingEvent> o) {
            Encoder<ILoggingEvent> e = o.getEncoder();
            if (e instanceof PatternLayoutEncoder p && p.getPattern() != null) {
                return p.getPattern();
            }
        }
        return "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %maskedMsg%n%maskedEx{short}";
    }

    /** The terminal again. */
    @Override
    public void close() {
        root.addAppender(console);
        root.detachAppender(file);
        file.stop();
    }
}
