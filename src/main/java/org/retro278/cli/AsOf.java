package org.retro278.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/**
 * The {@code --as-of} option: the moment the command pretends it is. As a mixin, that of {@code run}, {@code resubmit}
 * and {@code purge}: a clock running on from that moment. {@code convert} and {@code demo} read their own through
 * the methods here. Retro windows count to it and envelopes carry it; a date alone means its start (00:00).
 */
final class AsOf {

    static final String LABEL = "YYYY-MM-DD[THH:MM[:SS]]";

    @Option(names = "--as-of", paramLabel = LABEL, description = {"Act as though it were this moment, the clock running on"
            + " from there: retro windows, deadlines, envelopes, the store's time stamps and the days purge counts back all"
            + " follow it. For acceptance tests on fixed data; never in production."})
    String value;

    /** {@link #commandClock} of the value given to {@code command}; {@code null} after saying why it is not a moment. */
    Clock clock(String command, PrintWriter err) {
        return commandClock(command, value, err);
    }

    /** The moment an {@code --as-of} value names, in the local time of the machine's zone. */
    static LocalDateTime parse(String value) throws DateTimeParseException {
        if (value.length() == 10) {
            return LocalDate.parse(value).atStartOfDay();
        }
        return LocalDateTime.parse(value);
    }

    /** {@code convert}'s moment: the value given (to the minute), or now. */
    static LocalDateTime orNow(String value, Clock clock) throws DateTimeParseException {
        return (value == null ? LocalDateTime.now(clock) : parse(value)).truncatedTo(ChronoUnit.MINUTES);
    }

    /**
     * The clock of a running command: {@code moment} now, running on at real speed from there, or the system
     * clock when no moment is given.
     */
    static Clock runningFrom(LocalDateTime moment, ZoneId zone) {
        Clock system = Clock.system(zone);
        if (moment == null) {
            return system;
        }
        return Clock.offset(system, Duration.between(Instant.now(system), moment.atZone(zone).toInstant()));
    }

    /**
     * The clock of an operator's command with {@code --as-of}: {@link #runningFrom} the moment given (in the machine's
     * zone), or the system clock; {@code null} after saying on {@code err} that the value is not a moment.
     */
    static Clock commandClock(String command, String value, PrintWriter err) {
        try {
            return runningFrom(value == null ? null : parse(value), ZoneId.systemDefault());
        } catch (DateTimeParseException e) {
            err.println(command + ": --as-of '" + value + "' is not " + LABEL);
            return null;
        }
    }
}
