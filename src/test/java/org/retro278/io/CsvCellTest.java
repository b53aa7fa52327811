package org.retro278.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cells of the CSVs retro278 writes: RFC 4180 quoting, and no formula a spreadsheet would run. */
class CsvCellTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "CLM1001|CLM1001",
            "a,b|`\"a,b\"`",
            "say \"hi\"|`\"say \"\"hi\"\"\"`",
            "=1+1|`\"'=1+1\"`",
            "+1|`\"'+1\"`",
            "-2|`\"'-2\"`",
            "@SUM(A1)|`\"'@SUM(A1)\"`",
            "a=b|a=b",
            "2026-11-15|2026-11-15"})
    void quotesWhenNeededAndNeutralisesFormulas(String value, String cell) {
        assertEquals(cell, CsvCell.of(value));
    }

    @Test
    void tabCarriageReturnAndEmpty() {
        assertEquals("\"'\tx\"", CsvCell.of("\tx"));
        assertEquals("\"'\rx\"", CsvCell.of("\rx"));
        assertEquals("\"a\nb\"", CsvCell.of("a\nb"));
        assertEquals("", CsvCell.of(""));
        assertEquals("", CsvCell.of(null));
    }
}
