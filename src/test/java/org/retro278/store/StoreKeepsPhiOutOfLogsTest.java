package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.model.RetroAuthorizationRequest;
import org.slf4j.LoggerFactory;

/**
 * Runs the store through a claim's life, failures included, with every logger at DEBUG, and checks that
 * no log line and no exception text carries the PHI of the request.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class StoreKeepsPhiOutOfLogsTest extends StoreTestBase {

    /** Values of {@link TestRequests#full}: member id, names, birth dates, diagnoses, the retro note. */
    private static final List<String> PHI = List.of("W123456789", "Fictional", "Robin", "1981-02-28", "19810228",
            "2015-12-31", "S72001A", "W010XXA", "reinstated");

    private ListAppender<ILoggingEvent> appender;
    private Level rootLevel;

    StoreKeepsPhiOutOfLogsTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @BeforeEach
    void captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender = new ListAppender<>();
        appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        if (appender == null) {
            return; // the test was skipped before the capture began
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        root.setLevel(rootLevel);
    }

    @Test
    void noLogLineAndNoExceptionCarriesPhi() throws Exception {
        List<String> texts = new ArrayList<>();
        long fileId = store.recordReceivedFile("P1", "claims.csv", 100, sha(1)).id();
        RetroAuthorizationRequest full = TestRequests.full("CLM-1", "PAYERA");
        List<Long> keys = store.recordClaims(fileId, List.of(NewClaim.of(full, List.of(2L, 3L)),
                NewClaim.of(TestRequests.full("CLM-2", "PAYERA"), List.of(4L)),
                new NewClaim(null, "PAYERA", TestRequests.full("CLM-X", "PAYERA"), List.of(5L))));

        // a batch refused by the unique constraint, with PHI in every row
        texts.add(trace(assertThrows(StoreException.class, () -> store.recordClaims(fileId, List.of(
                NewClaim.of(TestRequests.full("CLM-3", "PAYERA"), List.of(6L)),
                NewClaim.of(full, List.of(7L)))))));
        // a check constraint refusing a row that holds a request (no claim id: it cannot become READY)
        texts.add(trace(assertThrows(StoreException.class,
                () -> inspect().move(keys.get(2), ClaimState.RECEIVED, ClaimState.READY, "checked"))));

        inspect().rejectLocally(keys.get(1), List.of(new Reason("INVALID_DATE", "subscriber_dob 1981-02-28 is wrong", "subscriber_dob")));
        inspect().move(keys.get(0), ClaimState.RECEIVED, ClaimState.READY, "checked");
        ReservedInterchange r = store.reserveInterchange("PAYERA", 10, LocalDateTime.of(2026, 11, 16, 9, 30),
                n -> "PAYERA." + n + ".x12").orElseThrow();
        store.forEachRequest(r.id(), (claim, request) -> assertEquals(full, request));
        store.markInterchangeSent(r.id());
        store.flagOverdue(keys, "no 999");
        texts.add(inspect().find(keys.get(1)).orElseThrow().toString());
        texts.add(store.claimsOfFile(fileId).toString());

        for (ILoggingEvent e : appender.list) {
            texts.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                texts.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }
        assertTrue(appender.list.stream().anyMatch(e -> e.getLoggerName().startsWith("org.retro278.store")),
                "the store logged nothing: the capture is not working");
        for (String text : texts) {
            for (String phi : PHI) {
                assertFalse(text.contains(phi), () -> "PHI '" + phi + "' in: " + text);
            }
        }
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
