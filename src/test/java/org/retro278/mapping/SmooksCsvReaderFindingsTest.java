package org.retro278.mapping;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.smooks.Smooks;
import org.smooks.api.SmooksException;
import org.smooks.io.sink.StringSink;
import org.smooks.io.source.StringSource;

/**
 * What the CSV cartridge's own {@code <csv:reader>} (smooks-csv-cartridge 2.0.2) does with the rows
 * retro278 must never lose: the reasons {@link ClaimCsvReader} exists. Should one of these start failing
 * after an upgrade, the cartridge may have become usable: reconsider.
 */
class SmooksCsvReaderFindingsTest {

    private static final String CSV = "\uFEFFa,b,c\n1,2,3\n\nshort,row\nlong,row,x,dropped\nC:\\dir\\x,2,3\n";

    private static String events(boolean strict, String csv) throws Exception {
        String config = """
                <smooks-resource-list xmlns="https://www.smooks.org/xsd/smooks-2.0.xsd"
                                      xmlns:csv="https://www.smooks.org/xsd/smooks/csv-1.7.xsd">
                    <csv:reader fieldsInMessage="true" strict="%s"/>
                </smooks-resource-list>
                """.formatted(strict);
        try (Smooks smooks = new Smooks(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)))) {
            StringSink sink = new StringSink();
            smooks.filterSource(new StringSource(csv), sink);
            return sink.getResult();
        }
    }

    @Test
    void strictByDefaultDropsShortRowsAndBlankLinesWithoutATrace() throws Exception {
        String events = events(true, CSV);
        assertFalse(events.contains("short"), events);
        assertTrue(events.contains("<csv-record number=\"2\">"), "the records after a dropped one are renumbered");
    }

    @Test
    void notStrictCutsTheCellsOfALongRowWithoutATrace() throws Exception {
        String events = events(false, CSV);
        assertTrue(events.contains("short"), events);
        assertFalse(events.contains("dropped"), events);
    }

    @Test
    void theBackslashEscapeEatsBackslashesAndTheByteOrderMarkJoinsTheFirstName() throws Exception {
        String events = events(false, CSV);
        assertTrue(events.contains(">C:dirx<"), events);
        assertTrue(events.contains("<\uFEFFa>"), events);
    }

    @Test
    void aBackslashBeforeAClosingQuoteFailsTheWholeFile() {
        assertThrows(SmooksException.class, () -> events(false, "a,b\n\"C:\\dir\\\",2\n1,2\n"));
    }

    @Test
    void manyShortRowsInARowOverflowTheStack() {
        StringBuilder csv = new StringBuilder("a,b,c\n");
        csv.append("x\n".repeat(20_000));
        SmooksException e = assertThrows(SmooksException.class, () -> events(true, csv.toString()));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(StackOverflowError.class, root);
    }
}
