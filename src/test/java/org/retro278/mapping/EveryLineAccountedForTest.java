package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.retro278.config.ConfigurationException;

/**
 * Every physical line of a claim file is the header's, a blank row's, or part of exactly one row handed
 * on, whatever its quoting: a broken line becomes a defective row of its own, with the claim id it shows,
 * and never takes other rows with it.
 */
class EveryLineAccountedForTest {

    private static ClaimFileReader reader;

    @BeforeAll
    static void compileLayout() throws ConfigurationException {
        reader = new ClaimFileReader(Fixtures.layout("default"));
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    static Stream<MalformedClaimFiles.Case> cases() throws Exception {
        return MalformedClaimFiles.all(13, 150).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void linesInEqualLinesAccountedFor(MalformedClaimFiles.Case c) throws Exception {
        RecordingSink sink = new RecordingSink();
        ReadSummary summary = reader.read("case", new ByteArrayInputStream(c.content().getBytes(StandardCharsets.UTF_8)), sink);

        long lines = MalformedClaimFiles.physicalLines(c.content());
        assertEquals(lines, summary.lines(), "lines read");
        assertTrue(summary.accountsForEveryLine(), summary.toString());

        // rows by first line; a split claim is handed on twice, its rows are the same rows
        Map<Long, ClaimRow> rows = new TreeMap<>();
        for (ClaimGroup g : sink.claims) {
            for (ClaimRow r : g.rows()) {
                rows.put(r.row(), r);
            }
        }
        long covered = 1;
        for (ClaimRow r : rows.values()) {
            assertTrue(r.row() > covered, "rows do not overlap: " + r.row());
            covered = r.lastLine();
        }
        long rowLines = rows.values().stream().mapToLong(r -> r.lastLine() - r.row() + 1).sum();
        assertEquals(lines, summary.headerLines() + summary.blankLines() + rowLines, "header + blank + rows");
        assertEquals(rowLines, summary.rowLines());

        for (long line = 2; line <= c.claimOfLine().size(); line++) {
            String claim = c.claimOfLine().get((int) line - 1);
            if (claim.isEmpty()) {
                continue; // inside a valid cell that spans lines
            }
            ClaimRow row = rows.get(line);
            assertNotNull(row, "line " + line + " (claim " + claim + ") starts a row");
            assertEquals(claim, row.get("claim_id"), "line " + line + " keeps its own claim, broken or not");
            if (c.mutatedLines().contains(line)) {
                assertNotNull(row.defect(), "line " + line + " is broken and says so");
            } else {
                assertNull(row.defect(), "line " + line + " is intact: " + row.defect());
                assertEquals(c.multiLineRows().contains(line) ? 1 : 0, Math.min(1, row.lastLine() - row.row()),
                        "only a valid quoted cell makes a row span lines");
            }
        }
        assertEquals(c.mutatedLines().size(), summary.unreadableLines(), "every broken line, and only those");
    }

    @Test
    void anUnreadableLineShowsTheClaimItCarriesSoTheWholeClaimIsRejected() throws Exception {
        List<String> lines = MalformedClaimFiles.sampleLines();
        String content = String.join("\n", lines.get(0), lines.get(1), lines.get(2).replace("Okafor", "Oka\"for"));
        RecordingSink sink = new RecordingSink();
        reader.read("case", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), sink);
        assertEquals(List.of("claim CLM1001 rows 2,3", "end"), sink.events, "the claim keeps both rows");
        assertEquals("line 3 is not valid CSV: a double quote inside the unquoted cell in column 9 (quote the whole"
                + " cell and double the quote inside it)", sink.rows().get(1).defect());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\n\n,,\n", "\r\n", "\r\n  \r\n"})
    void aHeaderWithoutRowsHoldsNoClaims(String after) throws Exception {
        String content = MalformedClaimFiles.sampleLines().get(0) + after;
        ClaimFileRefusedException e = assertThrows(ClaimFileRefusedException.class, () ->
                reader.read("case", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), new RecordingSink()));
        assertTrue(e.getMessage().startsWith("the file holds no claims: "), e.getMessage());
    }

    @Test
    void aHeaderWithoutLineBreakHoldsNoClaims() {
        assertThrows(ClaimFileRefusedException.class, () -> reader.read("case", new ByteArrayInputStream(
                "claim_id,payer_id".getBytes(StandardCharsets.UTF_8)), new RecordingSink()));
    }

    @Test
    void aValueLongerThanAny278ElementMakesItsRowDefectiveNamingTheColumnAndIsBounded() throws Exception {
        List<String> lines = MalformedClaimFiles.sampleLines();
        String longId = "X".repeat(70_000);
        String content = String.join("\n", lines.get(0), longId + lines.get(1).substring(lines.get(1).indexOf(',')),
                lines.get(3)) + "\n";
        RecordingSink sink = new RecordingSink();
        reader.read("case", new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), sink);
        ClaimGroup first = sink.claims.get(0);
        assertTrue(first.claimId().length() <= 64, "bounded: " + first.claimId().length());
        assertTrue(first.claimId().startsWith("XXXX"));
        assertEquals("row 2: claim_id holds 70000 characters, more than any 278 element can carry",
                first.rows().get(0).defect());
        assertNull(sink.claims.get(1).rows().get(0).defect(), "the next row is untouched");
        assertFalse(ClaimRowHandOff.bounded(longId).equals(ClaimRowHandOff.bounded(longId + "Y")),
                "two long ids with the same start stay apart");
    }
}
