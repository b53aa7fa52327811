package org.retro278.inbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.retro278.config.RuntimeSettings.ReadFolders;
import org.retro278.io.PartnerFileName;
import org.retro278.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** What every inbound file goes through: the refusal of unreadable names, the local copy, the report and the hand-over. */
class InboundFilesTest {

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-11-16T16:00:00Z"));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(InboundFiles.class);

    private InboundFiles claims() {
        return InboundFiles.claimFiles(dir.resolve("quarantine"), new ReadFolders(".done", ".refused", ".why.txt"), clock);
    }

    @BeforeEach
    void listen() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(log);
    }

    @Test
    void aNameWithABackslashIsRefusedUnreadIntoTheErrorFolderWithAReportAndLoggedByAHash() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            Message plain = new DefaultExchange(camel).getIn();
            assertFalse(claims().refuseUnreadableName(plain, "claims.csv"));
            assertNull(plain.getHeader(InboundFiles.TARGET_HEADER), "a plain name is left to the intake");

            String name = "back\\slash\n.csv";
            Message in = new DefaultExchange(camel).getIn();
            assertTrue(claims().refuseUnreadableName(in, name));
            assertEquals(".refused", in.getHeader(InboundFiles.TARGET_HEADER));
            assertEquals(PartnerFileName.stem(name, 0), in.getHeader(InboundFiles.MOVE_NAME_HEADER), "no backslash in the target");
            assertEquals(PartnerFileName.stem(name, 32) + ".why.txt", in.getHeader(InboundFiles.REPORT_NAME_HEADER));
            assertEquals("retro278 intake report\nfile: back\\slash\\n.csv\nreceived: 2026-11-16T16:00:00Z\n\nREFUSED: the file's"
                    + " name holds a backslash (\\), which retro278's SFTP client takes for a folder separator, so it cannot read"
                    + " the file. Nothing in it was read, and nothing of it was recorded.\nDrop it again under a name without a"
                    + " backslash.\n", in.getHeader(InboundFiles.REPORT_HEADER));
            List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(List.of("a claim file (file name " + PartnerFileName.logId(name) + ") has a backslash in its name, which the"
                    + " SFTP client cannot read a file under: refused into .error with a report, not read"), lines);
        }
    }

    @Test
    void theCopyIsKeptInThePartnersFolderUnderTheTimeAndABoundedName() throws IOException {
        Path file = Files.writeString(dir.resolve("in.csv"), "claim_id\n1\n");
        claims().keepCopy("riverside", "claims.csv", file);
        try (Stream<Path> kept = Files.list(dir.resolve("quarantine").resolve("riverside"))) {
            List<Path> copies = kept.toList();
            assertEquals(1, copies.size());
            assertEquals(clock.instant().toEpochMilli() + "-" + PartnerFileName.local("claims.csv", 14),
                    copies.get(0).getFileName().toString());
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copies.get(0)));
        }
    }

    @Test
    void theReportNamesTheFileAndTheTimeItCame() {
        assertEquals("retro278 intake report\nfile: claims.csv\nreceived: 2026-11-16T16:00:00Z (file 7)\n\nREFUSED: why\n",
                claims().report("claims.csv", " (file 7)", "REFUSED: why\n"));
    }

    @Test
    void aFileWithAReportGoesToTheErrorFolderWithItAndOneWithoutToTheDoneFolder() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            handOver(camel);
        }
    }

    private void handOver(CamelContext camel) {
        Message refused = new DefaultExchange(camel).getIn();
        claims().handOver(refused, "a*b.csv", "the report");
        assertEquals(".refused", refused.getHeader(InboundFiles.TARGET_HEADER));
        assertEquals(PartnerFileName.movable("a*b.csv"), refused.getHeader(InboundFiles.MOVE_NAME_HEADER));
        assertEquals("the report", refused.getHeader(InboundFiles.REPORT_HEADER));
        assertEquals(PartnerFileName.stem("a*b.csv", 32) + ".why.txt", refused.getHeader(InboundFiles.REPORT_NAME_HEADER));

        Message read = new DefaultExchange(camel).getIn();
        claims().handOver(read, "claims.csv", null);
        assertEquals(".done", read.getHeader(InboundFiles.TARGET_HEADER));
        assertEquals("claims.csv", read.getHeader(InboundFiles.MOVE_NAME_HEADER));
        assertNull(read.getHeader(InboundFiles.REPORT_HEADER));
        assertNull(read.getHeader(InboundFiles.REPORT_NAME_HEADER));
    }

    @Test
    void aResponseFileIsNamedAsOneInTheLogAndItsReport() throws Exception {
        InboundFiles responses = InboundFiles.responseFiles(dir.resolve("archive"), new ReadFolders(".done", ".error", ".report.txt"),
                clock);
        try (CamelContext camel = new DefaultCamelContext()) {
            assertTrue(responses.refuseUnreadableName(new DefaultExchange(camel).getIn(), "a\\b.x12"));
        }
        assertTrue(log.list.get(0).getFormattedMessage().startsWith("a response file (file name " + PartnerFileName.logId("a\\b.x12")
                + ") has a backslash"), log.list.get(0).getFormattedMessage());
        assertEquals("retro278 response report\nfile: ta1.x12\nreceived: 2026-11-16T16:00:00Z\n\nREFUSED: why\n",
                responses.report("ta1.x12", "", "REFUSED: why\n"));
    }
}
