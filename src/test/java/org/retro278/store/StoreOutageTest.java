package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An outage of the store's server is said once per kind of failure, again after five minutes, and its end once. */
class StoreOutageTest {

    private final Logger log = (Logger) LoggerFactory.getLogger("test.StoreOutageTest");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final StoreOutage outage = new StoreOutage(log, nanos::get);

    @BeforeEach
    void capture() {
        log.setLevel(Level.DEBUG);
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void release() {
        log.detachAppender(lines);
    }

    private static SQLException state(String sqlState) {
        return new SQLException("driver words", sqlState);
    }

    private void after(long seconds) {
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    private List<String> said(Level level) {
        return lines.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void connectionFailuresAreUnreachableAndRefusalsAreNot() {
        assertTrue(StoreOutage.unreachable(state("08006")));
        assertTrue(StoreOutage.unreachable(state("08001")));
        assertTrue(StoreOutage.unreachable(state("57P01")));
        assertTrue(StoreOutage.unreachable(state("57P03")));
        assertTrue(StoreOutage.unreachable(new SQLTransientConnectionException("pool timed out", (String) null)));
        assertTrue(StoreOutage.unreachable(new SQLException("wrapped", null, state("08006"))));
        assertFalse(StoreOutage.unreachable(state("23505")));
        assertFalse(StoreOutage.unreachable(state("40001")));
        assertFalse(StoreOutage.unreachable(state(null)));
    }

    @Test
    void anOutageIsSaidOncePerKindAndItsEndOnce() {
        for (int i = 0; i < 20; i++) {
            outage.failed("listing interchanges in SENDING", state("08006"));
            after(2);
        }
        outage.failed("recording claims", state("57P01"));
        outage.failed("recording claims", state("57P01"));
        outage.failed("reading claims", state("08006")); // the kinds alternate: each is said once
        outage.failed("recording claims", state("57P01"));
        after(5);
        outage.answered();
        outage.answered();

        List<String> warnings = said(Level.WARN);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("the connection to the server failed (SQLState 08006)"), warnings.get(0));
        assertTrue(warnings.get(1).contains("the server is shutting down (SQLState 57P01)"), warnings.get(1));
        assertEquals(List.of("the store answers again, after 45 s unreachable (24 operation(s) failed meanwhile)"), said(Level.INFO));
        assertEquals(24, said(Level.DEBUG).size());
    }

    @Test
    void aLongOutageIsSaidAgainEveryFiveMinutesAndAStoreThatAnswersSaysNothing() {
        outage.answered();
        outage.failed("reading claims", new SQLTransientConnectionException("pool timed out", "08001"));
        after(299);
        outage.failed("reading claims", new SQLTransientConnectionException("pool timed out", "08001"));
        after(1);
        outage.failed("reading claims", new SQLTransientConnectionException("pool timed out", "08001"));

        List<String> warnings = said(Level.WARN);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("no connection to the server could be made (SQLState 08001)"), warnings.get(0));
        assertTrue(said(Level.INFO).isEmpty());
    }
}
