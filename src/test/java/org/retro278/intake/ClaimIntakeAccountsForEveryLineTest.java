package org.retro278.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.opencsv.CSVReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.retro278.testing.ProjectFiles;
import org.retro278.build.X12Checks;
import org.retro278.config.PayerDirectory;
import org.retro278.config.PracticeDirectory;
import org.retro278.config.RuntimeSettings;
import org.retro278.inbound.InboundFiles;
import org.retro278.mapping.MalformedClaimFiles;
import org.retro278.status.StatusFileWriter;
import org.retro278.status.StatusFiles;
import org.retro278.store.TransactionStore;

/**
 * The live intake of broken claim files: the practice's status file names every line of the file (the
 * header and blank lines aside) in the rows of exactly one claim, and a broken line's claim is rejected
 * saying which line and why.
 */
class ClaimIntakeAccountsForEveryLineTest {

    private static final String NAME = "claims.csv";

    @TempDir
    Path dir;
    private final ClaimIntakeDuplicateClaimsTest.SteppingClock clock =
            new ClaimIntakeDuplicateClaimsTest.SteppingClock(Instant.parse("2026-11-16T10:00:00Z"));
    private TransactionStore store;
    private ClaimIntake intake;

    @BeforeEach
    void start() throws Exception {
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

    static Stream<MalformedClaimFiles.Case> cases() throws Exception {
        return MalformedClaimFiles.all(21, 4).stream();
    }

    private ClaimFileOutcome drop(String content) throws Exception {
        Path f = dir.resolve(NAME);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return intake.receive("RIVERSIDE", NAME, f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theStatusFileAccountsForEveryLine(MalformedClaimFiles.Case c) throws Exception {
        ClaimFileOutcome o = drop(c.content());
        assertEquals(ClaimFileOutcome.Kind.PROCESSED, o.kind());

        new StatusFiles(store, dir.resolve("status")).due("RIVERSIDE");
        String status = Files.readString(dir.resolve("status/RIVERSIDE/" + NAME + ".status.csv"));
        int claimId = StatusFileWriter.COLUMNS.indexOf("claim_id");
        int state = StatusFileWriter.COLUMNS.indexOf("state");
        int rowsColumn = StatusFileWriter.COLUMNS.indexOf("rows");
        int codes = StatusFileWriter.COLUMNS.indexOf("codes");
        Map<Long, String[]> lineToClaim = new HashMap<>();
        long claims = 0;
        try (CSVReader csv = new CSVReader(new StringReader(status))) {
            List<String[]> records = csv.readAll();
            for (String[] r : records.subList(1, records.size())) {
                claims++;
                for (String line : r[rowsColumn].split(" ")) {
                    String[] earlier = lineToClaim.put(Long.parseLong(line), r);
                    assertEquals(null, earlier, "line " + line + " belongs to one claim only");
                }
            }
        }
        assertEquals(o.ready() + o.rejected(), claims, "every claim is in the status file");

        long continuation = c.claimOfLine().stream().filter(String::isEmpty).count();
        assertEquals(MalformedClaimFiles.physicalLines(c.content()), 1 + continuation + lineToClaim.size(),
                "lines in = header + continuation lines of valid quoted cells + rows in the status file");
        for (long line = 2; line <= c.claimOfLine().size(); line++) {
            String claim = c.claimOfLine().get((int) line - 1);
            if (claim.isEmpty()) {
                continue;
            }
            String[] row = lineToClaim.get(line);
            assertNotNull(row, "line " + line + " is in the status file");
            assertEquals(claim, row[claimId], "line " + line + " keeps its claim");
            if (c.mutatedLines().contains(line)) {
                assertEquals("REJECTED_LOCALLY", row[state]);
                assertTrue(row[codes].contains("ROW_DEFECT"), row[codes]);
            }
        }
    }

    @Test
    void aFileWithAHeaderAndNoClaimsIsRefusedSayingSo() throws Exception {
        ClaimFileOutcome o = drop(MalformedClaimFiles.sampleLines().get(0) + "\r\n");
        assertEquals(ClaimFileOutcome.Kind.REFUSED, o.kind());
        assertTrue(o.report().contains("REFUSED: the file holds no claims: there is nothing after the header"), o.report());
    }

    @Test
    void aClaimIdOf70000CharactersIsRejectedNamingTheFieldAndTheNextClaimIsTakenIn() throws Exception {
        List<String> lines = MalformedClaimFiles.sampleLines();
        String content = lines.get(0) + "\n" + "X".repeat(70_000) + lines.get(4).substring(lines.get(4).indexOf(',')) + "\n"
                + lines.get(5) + "\n";
        ClaimFileOutcome o = drop(content);
        assertEquals(ClaimFileOutcome.Kind.PROCESSED, o.kind());
        assertEquals(1, o.ready());
        assertEquals(1, o.rejected());
        new StatusFiles(store, dir.resolve("status")).due("RIVERSIDE");
        String status = Files.readString(dir.resolve("status/RIVERSIDE/" + NAME + ".status.csv"));
        assertTrue(status.length() < 5000, "the status file quotes a bounded prefix: " + status.length());
        assertTrue(status.contains("claim_id holds 70000 characters, more than any 278 element can carry"), status);
    }

    @Test
    void aClaimIdThatASpreadsheetWouldRunIsNeutralisedInTheStatusFile() throws Exception {
        List<String> lines = MalformedClaimFiles.sampleLines();
        String content = lines.get(0) + "\n" + "@SUM(A1)" + lines.get(4).substring(lines.get(4).indexOf(',')) + "\n";
        drop(content);
        new StatusFiles(store, dir.resolve("status")).due("RIVERSIDE");
        List<String> status = Files.readAllLines(dir.resolve("status/RIVERSIDE/" + NAME + ".status.csv"));
        assertTrue(status.get(1).startsWith("\"'@SUM(A1)\",REJECTED_LOCALLY,"), status.get(1));
    }
}
