package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.retro278.config.ConfigurationException;

/** The default layout (docs claims-csv.md) read through mappings/default.xml. */
class DefaultLayoutReadingTest {

    private static ClaimFileReader reader;

    @BeforeAll
    static void compileLayout() throws ConfigurationException {
        reader = new ClaimFileReader(Fixtures.layout("default"));
    }

    @AfterAll
    static void close() {
        reader.close();
    }

    private static RecordingSink read(String fixture) throws Exception {
        RecordingSink sink = new RecordingSink();
        reader.read(Fixtures.file(fixture), sink);
        return sink;
    }

    private static String refusal(String fixture) {
        RecordingSink sink = new RecordingSink();
        ClaimFileRefusedException e = assertThrows(ClaimFileRefusedException.class,
                () -> reader.read(Fixtures.file(fixture), sink));
        assertFalse(sink.events.contains("end"), "a refused file is never ended: " + sink.events);
        return e.getMessage();
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndCase() throws Exception {
        ClaimRow row = read("header-in-other-order-and-case.csv").onlyRow();
        assertEquals(Map.ofEntries(
                Map.entry("claim_id", "CLM-1001"), Map.entry("payer_id", "60054"),
                Map.entry("payer_name", "Fictional Health Plan"), Map.entry("requester_npi", "1234567893"),
                Map.entry("requester_name", "Sample Family Clinic"), Map.entry("member_id", "MBR100200300"),
                Map.entry("subscriber_last_name", "Rivera"), Map.entry("subscriber_first_name", "Ana"),
                Map.entry("subscriber_dob", "1980-07-14"), Map.entry("subscriber_gender", "F"),
                Map.entry("service_type", "86"), Map.entry("place_of_service", "23"),
                Map.entry("service_date_from", "2024-03-02"), Map.entry("diagnosis_codes", "S52501A|W010XXA"),
                Map.entry("procedure_code", "99284"), Map.entry("retro_reason", "EMERGENCY")), row.cells());
        assertEquals(2, row.row());
        assertNull(row.defect());
    }

    @Test
    void leadingByteOrderMarkIsIgnoredAndCrLfEndsRows() throws Exception {
        ClaimRow row = read("utf8-bom.csv").onlyRow();
        assertEquals("CLM-1002", row.get("claim_id"));
        assertEquals("ADMIN_DELAY", row.get("retro_reason"));
        assertNull(row.defect());
    }

    @Test
    void quotedCellsKeepCommasDoubledQuotesNewlinesAndBackslashes() throws Exception {
        List<ClaimRow> rows = read("quoted-cells-comma-quote-newline-backslash.csv").rows();
        ClaimRow first = rows.get(0);
        assertEquals("Fictional Health Plan, Inc.", first.get("payer_name"));
        assertEquals("General Hospital, East Wing", first.get("facility_name"));
        assertEquals("Patient said \"it started Friday\"\nthen came in Monday", first.get("retro_note"));
        assertEquals("\\\\scans\\2024\\A-17\\", first.get("attachment_control_number"));
        ClaimRow second = rows.get(1);
        assertEquals("C:\\scans\\", second.get("facility_name"), "a backslash before a closing quote escapes nothing");
        assertNull(second.get("retro_note"), "a quoted empty cell is absent");
        assertEquals(List.of(2L, 4L), rows.stream().map(ClaimRow::row).collect(Collectors.toList()),
                "a record that spans two lines is one row, numbered by the line it starts on");
        assertEquals(3L, first.lastLine());
        assertTrue(rows.stream().allMatch(r -> r.defect() == null));
    }

    @Test
    void columnsTheLayoutDoesNotNameAreIgnored() throws Exception {
        ClaimRow row = read("extra-columns-ignored.csv").onlyRow();
        assertEquals(16, row.cells().size(), row.cells().keySet().toString());
        assertEquals("Fictional Health Plan", row.get("payer_name"));
        assertNull(row.get("balance"));
        assertNull(row.get("internal_memo"));
    }

    @Test
    void missingRequiredColumnsRefuseTheFileNamingThemAll() {
        String message = refusal("missing-required-columns.csv");
        assertTrue(message.contains("the required columns payer_id, member_id, retro_reason of layout 'default'"),
                message);
    }

    @Test
    void rowsWithAnotherCellCountThanTheHeaderAreHandedOnWithADefect() throws Exception {
        RecordingSink sink = new RecordingSink();
        ReadSummary summary = reader.read(Fixtures.file("short-and-long-rows.csv"), sink);
        List<ClaimRow> rows = sink.rows();
        assertEquals(List.of(2L, 3L, 4L, 5L), rows.stream().map(ClaimRow::row).collect(Collectors.toList()));
        assertNull(rows.get(0).defect());
        assertEquals("row 3 has 12 cells but the header has 16", rows.get(1).defect());
        assertEquals("11", rows.get(1).get("place_of_service"), "the cells a short row has are kept");
        assertNull(rows.get(1).get("service_date_from"));
        assertEquals("row 4 has 17 cells but the header has 16", rows.get(2).defect());
        assertEquals("EMERGENCY", rows.get(2).get("retro_reason"));
        assertNull(rows.get(3).defect());
        assertEquals(List.of("claim CLM-1006 rows 2,3", "claim CLM-1007 rows 4", "claim CLM-1008 rows 5", "end"),
                sink.events);
        assertEquals(new ReadSummary(4, 3, 0, 2, 0, 0, 5, 1, 0, 4), summary);
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedAndMarkTheRowDefective() throws Exception {
        List<ClaimRow> rows = read("invalid-utf8-row.csv").rows();
        assertNull(rows.get(0).defect());
        assertEquals("row 3 is not valid UTF-8 (undecodable bytes were replaced)", rows.get(1).defect());
        assertEquals("Ren\uFFFDe", rows.get(1).get("subscriber_last_name"));
        assertEquals("CLM-1010", rows.get(1).get("claim_id"));
    }

    @Test
    void aHeaderThatIsNotUtf8RefusesTheFile() {
        assertEquals("the header is not valid UTF-8: save the file as UTF-8", refusal("invalid-utf8-header.csv"));
    }

    @Test
    void blankCellsAreAbsentAndValuesTrimmed() throws Exception {
        ClaimRow row = read("blank-cells-absent-values-trimmed.csv").onlyRow();
        assertEquals("60054", row.get("payer_id"));
        assertEquals("Moreau", row.get("subscriber_last_name"));
        assertEquals("Casey", row.get("subscriber_first_name"), "no-break spaces are trimmed too");
        for (String absent : List.of("requester_first_name", "service_date_to", "retro_note", "facility_name")) {
            assertFalse(row.cells().containsKey(absent), absent);
        }
        assertEquals(16, row.cells().size());
    }

    @Test
    void blankRowsAreCountedNotHandedOnAndKeepRowNumbersRight() throws Exception {
        RecordingSink sink = new RecordingSink();
        ReadSummary summary = reader.read(Fixtures.file("blank-lines-counted-not-handed-on.csv"), sink);
        assertEquals(List.of("claim CLM-1013 rows 2", "claim CLM-1014 rows 5", "end"), sink.events);
        assertEquals(new ReadSummary(2, 2, 0, 0, 3, 0, 6, 1, 3, 2), summary);
    }

    @Test
    void twoHeaderCellsOfTheSameNormalisedNameRefuseTheFile() {
        assertEquals("the header names the same column twice: 'claim_id' (column 1) and 'Claim ID' (column 17) "
                + "both read as claim_id", refusal("duplicate-header-after-normalisation.csv"));
    }

    @Test
    void emptyFilesAndFilesWithoutHeaderAreRefused() {
        assertEquals("the file is empty", refusal("empty.csv"));
        assertEquals("the file is empty", refusal("only-bom.csv"));
        assertEquals("the file has no header: it has only blank rows", refusal("only-blank-lines.csv"));
    }

    @Test
    void aQuoteThatNeverClosesCostsItsLineOnlyAndTheLinesAfterItAreRead() throws Exception {
        RecordingSink sink = read("quote-never-closed.csv");
        assertEquals(List.of("claim CLM-1016 rows 2", "claim CLM-1017 rows 3", "claim CLM-1018 rows 4", "end"),
                sink.events);
        assertEquals("line 3 is not valid CSV: the quoted cell in column 3 is not closed before the end of the file",
                sink.claims.get(1).rows().get(0).defect());
        assertNull(sink.claims.get(2).rows().get(0).defect());
    }

    @Test
    void oneReaderReadsSeveralFilesAtOnce() throws Exception {
        List<String> fixtures = List.of("short-and-long-rows.csv", "claims-split-apart.csv",
                "header-in-other-order-and-case.csv", "blank-lines-counted-not-handed-on.csv");
        Map<String, List<String>> alone = new HashMap<>();
        for (String f : fixtures) {
            alone.put(f, read(f).events);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<List<String>>> results = pool.invokeAll(fixtures.stream()
                        .map(f -> (Callable<List<String>>) () -> read(f).events).collect(Collectors.toList()));
                for (int i = 0; i < fixtures.size(); i++) {
                    assertEquals(alone.get(fixtures.get(i)), results.get(i).get(), fixtures.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSinkFailureReachesTheCallerAndEndsTheRead() {
        Exception checked = new Exception("store down");
        ClaimSinkException wrapped = assertThrows(ClaimSinkException.class,
                () -> reader.read(Fixtures.file("claims-adjacent-and-single-row.csv"), new RecordingSink() {
                    @Override
                    public void claim(ClaimGroup group) throws Exception {
                        throw checked;
                    }
                }));
        assertSame(checked, wrapped.getCause());

        IllegalStateException unchecked = new IllegalStateException("full");
        assertSame(unchecked, assertThrows(IllegalStateException.class,
                () -> reader.read(Fixtures.file("claims-adjacent-and-single-row.csv"), new RecordingSink() {
                    @Override
                    public void claim(ClaimGroup group) {
                        throw unchecked;
                    }
                })));
    }

    @Test
    void aSinkFailureOnTheLastClaimReachesTheCallerToo() {
        Exception checked = new Exception("store down");
        ClaimSinkException wrapped = assertThrows(ClaimSinkException.class,
                () -> reader.read(Fixtures.file("utf8-bom.csv"), new RecordingSink() {
                    @Override
                    public void claim(ClaimGroup group) throws Exception {
                        throw checked;
                    }
                }));
        assertSame(checked, wrapped.getCause());
    }

    @Test
    void aFileWithoutHeaderIsRefusedWithoutQuotingItsFirstRow() throws Exception {
        Path headless = Files.createTempFile("retro278-headless-", ".csv");
        try {
            Files.writeString(headless, String.join("\n",
                    Files.readAllLines(Fixtures.file("claims-adjacent-and-single-row.csv")).subList(1, 3)));
            RecordingSink sink = new RecordingSink();
            String message = assertThrows(ClaimFileRefusedException.class, () -> reader.read(headless, sink))
                    .getMessage();
            assertTrue(message.startsWith("the file lacks the required columns claim_id, payer_id"), message);
            assertFalse(message.contains("Rivera") || message.contains("CLM-A"), message);
        } finally {
            Files.delete(headless);
        }
    }

    @Test
    void aFileThatCannotBeOpenedIsAnIoError() {
        assertThrows(IOException.class,
                () -> reader.read(Fixtures.mappings().resolve("no-such-claims.csv"), new RecordingSink()));
    }
}
