package org.retro278.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.config.RuntimeSettings;
import org.retro278.inbound.InboundFiles;
import org.retro278.io.PartnerFileName;
import org.retro278.testing.ProjectFiles;
import org.retro278.testing.TestClock;
import org.retro278.build.X12Checks;
import org.retro278.store.TransactionStore;
import org.retro278.x12.response.ResponseReader;
import org.slf4j.LoggerFactory;

/** A wrong file can hold thousands of problems: the log gets the first few and a count, never all of them. */
class ResponseIntakeLogTest {

    @TempDir
    Path dir;

    @Test
    void aFileWithManyProblemsLogsTheFirstAndACount() throws Exception {
        // a payer returning our own 278 requests: every transaction set is a problem for the response reader
        String request = Files.readString(ProjectFiles.path("src/test/resources/golden/convert/riverside-2026-11-15.PAYERA.000000001.x12"),
                StandardCharsets.US_ASCII);
        int st = request.indexOf("ST*");
        int ge = request.indexOf("GE*");
        String sets = request.substring(st, ge);
        int copies = 8;
        String wrong = request.substring(0, st) + sets.repeat(copies) + "GE*" + (3 * copies) + request.substring(ge + 4);
        Path file = Files.writeString(dir.resolve("wrong.x12"), wrong, StandardCharsets.US_ASCII);

        Logger logger = (Logger) LoggerFactory.getLogger(ResponseIntake.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        TestClock clock = TestClock.forSamples();
        try (TransactionStore store = TransactionStore.openH2(dir.resolve("work"), null)) {
            ResponseIntake intake = new ResponseIntake(store, ResponseReader.using(X12Checks.validator()),
                    InboundFiles.responseFiles(dir.resolve("archive"), RuntimeSettings.defaults().readFolders(), clock), clock);
            ResponseFileOutcome o = intake.receive("PAYERA", "wrong.x12", file);
            assertTrue(o.problems() > ResponseIntake.LOGGED_PROBLEMS, "the file has more problems than are logged: " + o);
            List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("response file " + PartnerFileName.logId("wrong.x12"))).toList();
            assertEquals(ResponseIntake.LOGGED_PROBLEMS + 1, lines.size(), String.join("\n", lines));
            assertTrue(lines.get(lines.size() - 1).contains((o.problems() - ResponseIntake.LOGGED_PROBLEMS) + " more problem(s)"),
                    lines.get(lines.size() - 1));
        } finally {
            logger.detachAppender(appender);
        }
    }
}
