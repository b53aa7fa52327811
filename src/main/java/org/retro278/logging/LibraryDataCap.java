package org.retro278.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Marker;

/**
 * Holds back the events of the libraries that print the data they handle (parsed records, file paths) below a
 * level of their own, whatever level an operator gives their loggers: so that every logger can be set to DEBUG
 * without a patient's data or a partner's file name reaching the log. Each cap is {@code <cap>logger LEVEL</cap>}
 * in levels.xml, with the reason beside it; a logger is capped by its closest capped ancestor. Levels stay the
 * operator's to set; a capped logger's {@code isDebugEnabled()} is false too, so the library does not even build
 * the message.
 */
public final class LibraryDataCap extends TurboFilter {

    private final Map<String, Level> caps = new LinkedHashMap<>();
    /** Each logger's cap, or {@link Level#ALL} for none, found once per logger. */
    private final Map<String, Level> resolved = new ConcurrentHashMap<>();

    /** A cap as levels.xml writes it: a logger name and the lowest level it may print, e.g. {@code org.smooks INFO}. */
    public void addCap(String spec) {
        String[] words = spec.trim().split("\\s+");
        if (words.length != 2 || Level.toLevel(words[1], null) == null) {
            addError("a cap is a logger name and a level, e.g. 'org.smooks INFO'; not '" + spec + "'");
            return;
        }
        caps.put(words[0], Level.toLevel(words[1]));
        resolved.clear();
    }

    /** The lowest level the logger may print, or {@link Level#ALL} when no cap holds it. */
    public Level capOf(String loggerName) {
        return resolved.computeIfAbsent(loggerName, this::closestCap);
    }

    private Level closestCap(String loggerName) {
        for (String name = loggerName; ; ) {
            Level cap = caps.get(name);
            if (cap != null) {
                return cap;
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return Level.ALL;
            }
            name = name.substring(0, dot);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (!isStarted() || level == null) {
            return FilterReply.NEUTRAL;
        }
        return level.isGreaterOrEqual(capOf(logger.getName())) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
