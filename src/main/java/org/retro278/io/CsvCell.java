package org.retro278.io;

/**
 * One cell of a CSV that retro278 writes for people (rejection reports, status files): RFC 4180 quoting,
 * and a cell a spreadsheet would run as a formula is neutralised the way OWASP recommends. A value that
 * starts with {@code = + - @}, a tab or a carriage return gets a leading single quote and is quoted,
 * so {@code =HYPERLINK(...)} is shown as the text {@code '=HYPERLINK(...)}.
 */
public final class CsvCell {

    private CsvCell() {
    }

    /** The value as a CSV cell; {@code null} is an empty cell. */
    public static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean formula = startsFormula(value.charAt(0));
        if (!formula && value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + (formula ? "'" : "") + value.replace("\"", "\"\"") + '"';
    }

    private static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
