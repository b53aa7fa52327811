package org.retro278.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileMessage;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.RuntimeSettings;
import org.retro278.inbound.InboundFiles;
import org.retro278.io.PartnerFileName;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.store.StoreException;
import org.retro278.store.TransactionStore;
import org.retro278.submit.RetryBackoff;
import org.retro278.testing.TestClock;
import org.retro278.x12.response.ResponseReader;
import org.slf4j.LoggerFactory;

/**
 * A response file that cannot be applied does not loop: a failure the same bytes would meet again sends it to
 * .error with a report after one attempt; a passing one (the store unreachable) leaves it in place behind the
 * route's filter until its back-off has passed, while other files go on.
 */
class ResponseIntakeFailuresTest {

    private static final ResponseReader READER = ResponseReader.using(X12Checks.validator());

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-11-16T16:00:00Z"));
    private CamelContext camel;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ResponseIntake.class);

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() throws Exception {
        logger.detachAppender(log);
        camel.close();
    }

    private Path response(String name) throws IOException {
        return Files.copy(ProjectFiles.path("src/test/resources/golden/read/ta1-accepted.x12"), dir.resolve(name));
    }

    private InboundFiles archive() {
        return InboundFiles.responseFiles(dir.resolve("archive"), RuntimeSettings.defaults().readFolders(), clock);
    }

    private static GenericFile<Object> remote(String name) {
        GenericFile<Object> f = new GenericFile<>();
        f.setAbsoluteFilePath("/payera/outbound/" + name);
        f.setFileName(name);
        f.setFileNameOnly(name);
        f.setFileLength(100);
        f.setLastModified(1_700_000_000_000L);
        return f;
    }

    private Exchange exchange(String payerId, Path local) {
        Exchange e = new DefaultExchange(camel);
        GenericFileMessage<Object> m = new GenericFileMessage<>(e, remote(local.getFileName().toString()));
        m.setBody(local.toFile(), File.class);
        m.setHeader(ResponseIntake.PAYER_HEADER, payerId);
        m.setHeader(Exchange.FILE_NAME_ONLY, local.getFileName().toString());
        e.setIn(m);
        return e;
    }

    @Test
    void aFileTheStoreRefusesGoesToErrorWithAReportAfterOneAttempt() throws Exception {
        try (TransactionStore store = TransactionStore.openH2(dir.resolve("work"), null, clock)) {
            ResponseIntake intake = new ResponseIntake(store, READER, archive(), clock);
            // a payer id longer than the store keeps: the store refuses the data itself (SQLState 22001)
            String payer = "P".repeat(80);
            Exchange e = exchange(payer, response("ta1.x12"));
            intake.onFile(e);
            String report = e.getIn().getHeader(InboundFiles.REPORT_HEADER, String.class);
            assertTrue(report.startsWith("retro278 response report\nfile: ta1.x12\nreceived: 2026-11-16T16:00:00Z\n\nREFUSED:"), report);
            assertTrue(report.contains("nothing in it was applied"), report);
            assertTrue(intake.accept(remote("ta1.x12")), "nothing to wait for: the route moves it aside");
            assertTrue(lines().stream().anyMatch(l -> l.startsWith("response file " + PartnerFileName.logId("ta1.x12") + " of payer " + payer
                    + " cannot be applied (the store failed, SQLState 22001)")), lines().toString());
        }
    }

    @Test
    void aFileWhileTheStoreIsUnreachableWaitsOutItsBackOffAndOthersGoOn() throws Exception {
        TransactionStore store = TransactionStore.openH2(dir.resolve("work"), null, clock);
        ResponseIntake intake = new ResponseIntake(store, READER, archive(), clock,
                new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(60)));
        store.close(); // the store is gone
        Exchange first = exchange("PAYERA", response("ta1.x12"));
        IOException failure = assertThrows(ResponseIntake.NotNow.class, () -> intake.onFile(first));
        assertEquals(0, failure.getStackTrace().length, "the route's log line says it all");
        assertNull(first.getIn().getHeader(InboundFiles.REPORT_HEADER), "left in place, no report");
        assertFalse(intake.accept(remote("ta1.x12")), "not picked up again before its back-off has passed");
        assertTrue(intake.accept(remote("other.x12")), "other files go on");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(intake.accept(remote("ta1.x12")), "tried again once 2 s have passed");

        assertThrows(ResponseIntake.NotNow.class, () -> intake.onFile(exchange("PAYERA", dir.resolve("ta1.x12"))));
        clock.advance(Duration.ofSeconds(2));
        assertFalse(intake.accept(remote("ta1.x12")), "the wait doubles: 4 s after the second failure");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(intake.accept(remote("ta1.x12")));
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("response file " + PartnerFileName.logId("ta1.x12") + " of payer PAYERA could not be applied now (the store failed"), lines.get(1));
        assertTrue(lines.get(1).endsWith("left in place, tried again in 4 s (attempt 2)"), lines.get(1));
    }

    @Test
    void failuresAreToldApart() {
        assertTrue(ResponseIntake.passing(new IOException("disk")));
        assertTrue(ResponseIntake.passing(new StoreException("x", new SQLException("gone", "08006"))));
        assertTrue(ResponseIntake.passing(new StoreException("x", new SQLException("closed"))));
        assertFalse(ResponseIntake.passing(new StoreException("x", new SQLException("too long", "22001"))));
        assertFalse(ResponseIntake.passing(new StoreException("x", new SQLException("null", "23502"))));
        assertFalse(ResponseIntake.passing(new IllegalStateException("a defect these bytes reach")));
    }

    private List<String> lines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("response file ")).toList();
    }
}
