package org.retro278.x12.response;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A date (D8) or a range of dates (RD8); {@code from} equals {@code to} for a single date. Dates of a
 * patient's care are PHI: {@link #toString()} does not show them.
 */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * A DTP value as a range: {@code D8} CCYYMMDD or {@code RD8} CCYYMMDD-CCYYMMDD; {@code null} when the
     * value is not a real date in that format (the validator reports it).
     */
    public static DateRange parse(String format, String value) {
        if (value == null) {
            return null;
        }
        if ("D8".equals(format)) {
            LocalDate d = date(value, 0, value.length());
            return d == null ? null : new DateRange(d, d);
        }
        if ("RD8".equals(format) && value.length() == 17 && value.charAt(8) == '-') {
            LocalDate from = date(value, 0, 8);
            LocalDate to = date(value, 9, 17);
            return from == null || to == null ? null : new DateRange(from, to);
        }
        return null;
    }

    /** A CCYYMMDD date in {@code s[from, to)}, or {@code null}. */
    static LocalDate date(String s, int from, int to) {
        if (to - from != 8) {
            return null;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(s, from, from + 4, 10), Integer.parseInt(s, from + 4, from + 6, 10),
                    Integer.parseInt(s, from + 6, from + 8, 10));
        } catch (DateTimeException notADate) {
            return null;
        }
    }

    public boolean single() {
        return from.equals(to);
    }

    @Override
    public String toString() {
        return single() ? "DateRange[one date]" : "DateRange[a range]";
    }
}
