package org.retro278.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PracticeDirectory;
import org.retro278.config.RuntimeSettings;
import org.retro278.inbound.InboundFiles;
import org.retro278.intake.ClaimIntake;
import org.retro278.store.TransactionStore;
import org.retro278.testing.ProjectFiles;

/**
 * The status files a practice gets for the sample claim files of sample-edi/claims (riverside and mistakes, default
 * layout) taken in on a fixed day: byte for byte the golden files of src/test/resources/golden/status.
 */
class StatusFilesGoldenTest {

    static final Path GOLDEN = ProjectFiles.path("src/test/resources/golden/status");
    static final List<String> SAMPLES = List.of("riverside-2026-11-15.csv", "mistakes-2026-11-15.csv");

    @TempDir
    Path dir;

    @Test
    void theSampleFilesGetTheirGoldenStatusFiles() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-16T10:00:00Z"), ZoneOffset.UTC);
        try (TransactionStore store = TransactionStore.openH2(dir.resolve("work"), "", clock)) {
            ClaimIntake intake = new ClaimIntake(store, PracticeDirectory.load(ProjectFiles.path("config/practices")),
                    PayerDirectory.load(ProjectFiles.path("config/payers")), X12Checks.facts(), ProjectFiles.path("mappings"),
                    InboundFiles.claimFiles(dir.resolve("quarantine"), RuntimeSettings.defaults().readFolders(), clock), clock);
            for (String sample : SAMPLES) {
                intake.receive("RIVERSIDE", sample, ProjectFiles.path("sample-edi/claims/" + sample));
            }
            intake.close();
            new StatusFiles(store, dir.resolve("status")).due("RIVERSIDE");
        }
        List<Path> written = files(dir.resolve("status/RIVERSIDE"));
        List<Path> golden = files(GOLDEN);
        assertEquals(golden.stream().map(p -> p.getFileName().toString()).toList(),
                written.stream().map(p -> p.getFileName().toString()).toList());
        for (int i = 0; i < golden.size(); i++) {
            assertEquals(Files.readString(golden.get(i)), Files.readString(written.get(i)), golden.get(i).toString());
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().contains(".status.")).sorted().toList();
        }
    }
}
