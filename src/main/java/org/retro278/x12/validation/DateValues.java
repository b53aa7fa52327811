package org.retro278.x12.validation;

/**
 * The D8 and RD8 date values of the 278 (DTP03, DMG02, HI dates, CR604): the form CCYYMMDD or
 * CCYYMMDD-CCYYMMDD, real calendar dates, a range not reversed. Other formats are left to the schema's
 * code list.
 */
final class DateValues {

    private final Reporter out;

    DateValues(Reporter out) {
        this.out = out;
    }

    /** @param component 0 for a simple element */
    void check(Segment s, int element, int component, String value, String format, String what) {
        Integer comp = component > 0 ? component : null;
        if (value.isEmpty()) {
            return;
        }
        if ("D8".equals(format)) {
            if (!digits(value, 0, 8) || value.length() != 8) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_FORMAT", what + " must be a date CCYYMMDD (format D8)");
            } else if (!calendarDate(value, 0)) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_INVALID", what + " is not a real calendar date");
            }
        } else if ("RD8".equals(format)) {
            if (value.length() != 17 || value.charAt(8) != '-' || !digits(value, 0, 8) || !digits(value, 9, 17)) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_FORMAT",
                        what + " must be a date range CCYYMMDD-CCYYMMDD (format RD8)");
            } else if (!calendarDate(value, 0) || !calendarDate(value, 9)) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_INVALID",
                        what + " holds a date that is not a real calendar date");
            } else if (value.substring(0, 8).compareTo(value.substring(9)) > 0) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_RANGE",
                        what + " ends before it starts");
            }
        }
    }

    private static boolean digits(String s, int from, int to) {
        if (s.length() < to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether 8 digits at {@code from} are a real date (proleptic Gregorian, years 1-9999). */
    static boolean calendarDate(String s, int from) {
        int year = Integer.parseInt(s, from, from + 4, 10);
        int month = Integer.parseInt(s, from + 4, from + 6, 10);
        int day = Integer.parseInt(s, from + 6, from + 8, 10);
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int days = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }
}
