package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.retro278.config.ConfigurationException;

/**
 * mappings/pm-export.xml, a layout no Java knows: other column names and order, US dates, the subscriber
 * as one "LAST, FIRST" column, ";"-separated code lists. Its rows must be the rows of the equivalent
 * default-layout file.
 */
class PmExportLayoutTest {

    private static final Set<String> DATE_COLUMNS = Set.of("subscriber_dob", "patient_dob", "admission_date",
            "discharge_date", "service_date_from", "service_date_to");

    private static ClaimFileReader pmExport;
    private static ClaimFileReader defaultLayout;

    @BeforeAll
    static void compileLayouts() throws ConfigurationException {
        pmExport = new ClaimFileReader(Fixtures.layout("pm-export"));
        defaultLayout = new ClaimFileReader(Fixtures.layout("default"));
    }

    @AfterAll
    static void close() {
        pmExport.close();
        defaultLayout.close();
    }

    @Test
    void givesTheCanonicalRowsOfTheEquivalentDefaultFile() throws Exception {
        RecordingSink exported = new RecordingSink();
        pmExport.read(Fixtures.file("pm-export-encounters.csv"), exported);
        RecordingSink expected = new RecordingSink();
        defaultLayout.read(Fixtures.file("default-equivalent-of-pm-export.csv"), expected);

        assertEquals(expected.events, exported.events);
        List<ClaimRow> rows = exported.rows();
        assertEquals(4, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(comparable(expected.rows().get(i), defaultLayout.layout().dateFormat()),
                    comparable(rows.get(i), pmExport.layout().dateFormat()), "row " + rows.get(i).row());
        }
    }

    @Test
    void splitsTheSubscriberNameAtTheFirstComma() throws Exception {
        RecordingSink sink = new RecordingSink();
        pmExport.read(Fixtures.file("pm-export-encounters.csv"), sink);
        List<ClaimRow> rows = sink.rows();
        assertEquals("RIVERA", rows.get(0).get("subscriber_last_name"));
        assertEquals("ANA", rows.get(0).get("subscriber_first_name"));
        assertEquals("OKAFOR", rows.get(2).get("subscriber_last_name"), "spaces around the comma are trimmed");
        assertEquals("SAM", rows.get(2).get("subscriber_first_name"));
        assertEquals("TANAKA", rows.get(3).get("subscriber_last_name"));
        assertNull(rows.get(3).get("subscriber_first_name"), "no comma: a last name only");
        assertEquals("S52501A|W010XXA", rows.get(0).get("diagnosis_codes"));
        assertEquals("11/29/2024", rows.get(2).get("admission_date"), "dates stay text in the layout's format");
    }

    @Test
    void namesMissingColumnsAsTheLayoutWritesThem() {
        ClaimFileRefusedException e = assertThrows(ClaimFileRefusedException.class, () -> pmExport.read(
                Fixtures.file("pm-export-missing-member-and-dos-from.csv"), new RecordingSink()));
        assertEquals("the file lacks the required columns Member #, DOS From of layout 'pm-export'", e.getMessage());
    }

    @Test
    void declaresItsDateFormatAndRequiredColumns() throws ConfigurationException {
        ClaimLayout layout = pmExport.layout();
        assertEquals("MM/dd/uuuu", layout.datePattern());
        assertEquals(LocalDate.of(2024, 2, 29), LocalDate.parse("02/29/2024", layout.dateFormat()));
        assertEquals(15, layout.requiredColumns().size());
        assertEquals("Member #", layout.requiredColumns().get(5));
    }

    /** The row's cells with dates read by the layout's own format, so both layouts compare. */
    private static Map<String, Object> comparable(ClaimRow row, DateTimeFormatter dates) {
        Map<String, Object> cells = new TreeMap<>(row.cells());
        for (String column : DATE_COLUMNS) {
            if (row.get(column) != null) {
                cells.put(column, LocalDate.parse(row.get(column), dates));
            }
        }
        cells.put("(row)", row.row());
        cells.put("(defect)", String.valueOf(row.defect()));
        return cells;
    }
}
