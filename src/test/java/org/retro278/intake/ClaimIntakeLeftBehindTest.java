package org.retro278.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PracticeDirectory;
import org.retro278.config.RuntimeSettings;
import org.retro278.inbound.InboundFiles;
import org.retro278.store.FileOutcome;
import org.retro278.store.TransactionStore;

/**
 * A stop between the intake's commit and the move to .done leaves the very file in the drop folder: seen again, it is
 * moved on as it was decided, never recorded or reported as a duplicate of itself. The same bytes dropped again (a new
 * file on the server: another modification time) stay a duplicate. docs/reliability.md.
 */
class ClaimIntakeLeftBehindTest {

    static final Path SAMPLE = ProjectFiles.path("sample-edi/claims/riverside-2026-11-15.csv");
    static final long MODIFIED = 1_795_000_000_000L;

    @TempDir
    Path dir;
    private TransactionStore store;
    private ClaimIntake intake;

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-16T10:00:00Z"), ZoneOffset.UTC);
        store = TransactionStore.openH2(dir.resolve("work"), "", clock);
        intake = new ClaimIntake(store, PracticeDirectory.load(ProjectFiles.path("config/practices")),
                PayerDirectory.load(ProjectFiles.path("config/payers")), X12Checks.facts(), ProjectFiles.path("mappings"),
                InboundFiles.claimFiles(dir.resolve("quarantine"), RuntimeSettings.defaults().readFolders(), clock), clock);
    }

    @AfterEach
    void stop() {
        intake.close();
        store.close();
    }

    @Test
    void theSameFileLeftBehindIsMovedOnAndTheSameBytesDroppedAgainAreADuplicate() throws Exception {
        String name = "claims*?\n" + "x".repeat(230) + ".csv";
        Path f = Files.copy(SAMPLE, dir.resolve("spooled"));
        ClaimFileOutcome first = intake.receive("RIVERSIDE", name, f, MODIFIED);
        assertEquals(ClaimFileOutcome.Kind.PROCESSED, first.kind());

        ClaimFileOutcome again = intake.receive("RIVERSIDE", name, f, MODIFIED);
        assertEquals(ClaimFileOutcome.Kind.PROCESSED, again.kind(), "the very file: moved to .done");
        assertEquals(first.fileId(), again.fileId());
        assertNull(again.report(), "no duplicate report");
        assertTrue(store.findFile(first.fileId() + 1).isEmpty(), "nothing recorded again");
        assertEquals(5, store.claimsOfFile(first.fileId()).size());

        ClaimFileOutcome redrop = intake.receive("RIVERSIDE", name, f, MODIFIED + 60_000);
        assertEquals(ClaimFileOutcome.Kind.DUPLICATE, redrop.kind(), "dropped again: a new file on the server");
        assertEquals(FileOutcome.DUPLICATE, store.findFile(redrop.fileId()).orElseThrow().outcome());
        assertTrue(redrop.report().contains("file: claims*?\\n"), "the report spells the name out: " + redrop.report());
    }

    @Test
    void aRefusedFileLeftBehindGoesToErrorWithItsReportAgain() throws Exception {
        Path f = Files.writeString(dir.resolve("spooled"), "not,a,claim,file\n");
        ClaimFileOutcome first = intake.receive("RIVERSIDE", "odd.csv", f, MODIFIED);
        assertEquals(ClaimFileOutcome.Kind.REFUSED, first.kind());
        ClaimFileOutcome again = intake.receive("RIVERSIDE", "odd.csv", f, MODIFIED);
        assertEquals(ClaimFileOutcome.Kind.REFUSED, again.kind());
        assertEquals(first.fileId(), again.fileId());
        assertTrue(again.report().contains("REFUSED"), again.report());
        assertEquals(List.of(), store.claimsOfFile(first.fileId()));
        assertTrue(store.findFile(first.fileId() + 1).isEmpty(), "nothing recorded again");
    }
}
