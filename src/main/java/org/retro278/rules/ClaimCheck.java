package org.retro278.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.retro278.mapping.ClaimRow;
import org.retro278.x12.Delimiters;

/**
 * The checks of one claim: reads typed values out of rows and collects every reason to refuse the
 * claim (a claim with several mistakes gets them all in one report, not one per attempt). A read that
 * fails returns {@code null} after recording its reason, so callers can go on checking other fields.
 */
final class ClaimCheck {

    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");
    private static final Pattern QUANTITY = Pattern.compile("\\d{1,12}(\\.\\d{1,3})?");

    private final String claimId;
    private final DateTimeFormatter dateFormat;
    private final String dateFormatLabel;
    private final X217Facts facts;
    private final List<Rejection> rejections = new ArrayList<>();
    private Delimiters delimiters = Delimiters.STANDARD;

    ClaimCheck(String claimId, DateTimeFormatter dateFormat, String dateFormatLabel, X217Facts facts) {
        this.claimId = claimId;
        this.dateFormat = dateFormat;
        this.dateFormatLabel = dateFormatLabel;
        this.facts = facts;
    }

    void delimiters(Delimiters d) {
        this.delimiters = d;
    }

    Delimiters delimiters() {
        return delimiters;
    }

    List<Rejection> rejections() {
        return rejections;
    }

    boolean ok() {
        return rejections.isEmpty();
    }

    void reject(ClaimRow row, String field, RejectionCode code, String message) {
        rejections.add(new Rejection(claimId, row == null ? List.of() : List.of(row.row()), field, code, message));
    }

    void reject(List<Long> rows, String field, RejectionCode code, String message) {
        rejections.add(new Rejection(claimId, rows, field, code, message));
    }

    // ---- typed reads -------------------------------------------------------------------------------

    String required(ClaimRow row, String column) {
        String v = row.get(column);
        if (v == null) {
            reject(row, column, RejectionCode.MISSING_VALUE, column + " is required");
        }
        return v;
    }

    /** A code, upper-cased, checked against an allowed set. */
    String code(ClaimRow row, String column, String value, Set<String> allowed, String what) {
        if (value == null) {
            return null;
        }
        String v = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            reject(row, column, RejectionCode.INVALID_CODE, column + shown(column, value) + " is not " + what
                    + (allowed.size() <= 12 ? " (" + String.join(", ", new java.util.TreeSet<>(allowed)) + ")" : ""));
            return null;
        }
        return v;
    }

    /** A code checked against the 278 element's code list. */
    String x12Code(ClaimRow row, String column, String value, String loop, String segment, int element,
                   Integer component, String what) {
        return code(row, column, value, facts.codes(loop, segment, element, component), what);
    }

    /**
     * Columns whose values are never quoted in a reason: reasons reach status files, which must carry no
     * birth dates and no diagnoses.
     */
    static final Set<String> UNQUOTED = Set.of(Columns.SUBSCRIBER_DOB, Columns.PATIENT_DOB, Columns.DIAGNOSIS_CODES,
            Columns.MEMBER_ID, Columns.SUBSCRIBER_LAST_NAME, Columns.SUBSCRIBER_FIRST_NAME, Columns.PATIENT_LAST_NAME,
            Columns.PATIENT_FIRST_NAME, Columns.RETRO_NOTE);

    /** How a value is shown in a reason: quoted, or not at all for the columns in {@link #UNQUOTED}. */
    static String shown(String column, String value) {
        return UNQUOTED.contains(column) ? "" : " '" + value + "'";
    }

    LocalDate date(ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, dateFormat);
        } catch (DateTimeParseException e) {
            reject(row, column, RejectionCode.INVALID_DATE, column + shown(column, value) + " is not a real date in the form "
                    + dateFormatLabel);
            return null;
        }
    }

    /** A name or other identifying text: folded to ASCII, refused when it cannot be carried as it is. */
    String text(ClaimRow row, String column, String value, String loop, String segment, int element) {
        if (value == null) {
            return null;
        }
        String v = X12Text.fold(value);
        int bad = X12Text.firstDisallowed(v, delimiters);
        if (bad >= 0) {
            char c = v.charAt(bad);
            reject(row, column, RejectionCode.INVALID_TEXT, column + " contains " + X12Text.describe(c)
                    + (delimiters.isDelimiter(c) ? ", which is a delimiter in this payer's interchanges"
                    : ", which is outside the X12 character set"));
            return null;
        }
        return length(row, column, v, loop, segment, element, null);
    }

    String length(ClaimRow row, String column, String v, String loop, String segment, int element, Integer component) {
        if (v == null) {
            return null;
        }
        int max = facts.maxLength(loop, segment, element, component);
        int min = facts.minLength(loop, segment, element, component);
        if (v.length() > max) {
            reject(row, column, RejectionCode.TOO_LONG, column + " has " + v.length() + " characters; the 278 ("
                    + loop + " " + segment + String.format("%02d", element) + ") carries at most " + max);
            return null;
        }
        if (v.length() < min) {
            reject(row, column, RejectionCode.TOO_SHORT, column + " has " + v.length() + " character(s); the 278 ("
                    + loop + " " + segment + String.format("%02d", element) + ") needs at least " + min);
            return null;
        }
        return v;
    }

    String npi(ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        if (!Npi.isValid(value)) {
            reject(row, column, RejectionCode.INVALID_NPI, column + " '" + value
                    + "' is not an NPI (10 digits with a valid check digit)");
            return null;
        }
        return value;
    }

    String matching(ClaimRow row, String column, String value, Predicate<String> test, RejectionCode code, String what) {
        if (value == null) {
            return null;
        }
        if (!test.test(value)) {
            reject(row, column, code, column + " '" + value + "' is not " + what);
            return null;
        }
        return value;
    }

    BigDecimal amount(ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        if (!AMOUNT.matcher(value).matches()) {
            reject(row, column, RejectionCode.INVALID_AMOUNT, column + " '" + value
                    + "' is not an amount such as 125 or 125.50 (no currency sign, no thousands separator)");
            return null;
        }
        return new BigDecimal(value);
    }

    BigDecimal quantity(ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        if (!QUANTITY.matcher(value).matches() || new BigDecimal(value).signum() <= 0) {
            reject(row, column, RejectionCode.INVALID_QUANTITY, column + " '" + value
                    + "' is not a positive number of units such as 1 or 2.5");
            return null;
        }
        return new BigDecimal(value);
    }
}
