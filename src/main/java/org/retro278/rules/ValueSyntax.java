package org.retro278.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.retro278.mapping.ClaimRow;
import org.retro278.x12.RequestIdentifiers;

/**
 * The form a claim file's values must have: typed reads of one value that record their reason and return
 * {@code null} when the value cannot be used, so callers go on checking other fields. Lengths and code
 * lists come from the guide through {@link X217Facts} at the column's {@link Columns#address}; the forms
 * that go beyond the guide and are ours to decide are the named constants here.
 */
final class ValueSyntax {

    /** Claim ids are carried inside BHT03 and TRN02; this keeps them unambiguous and sendable. */
    static final Pattern CLAIM_ID_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0," + (RequestIdentifiers.MAX_CLAIM_ID_LENGTH - 1) + "}");
    /** ICD-10-CM: a letter, a digit, a digit or letter, then up to four letters or digits (no dot). */
    static final Pattern ICD10CM = Pattern.compile("[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}");
    /** CPT (five digits; Category II/III and PLA codes end in F, T, U or M) or HCPCS Level II (A-V + four digits). */
    static final Pattern PROCEDURE = Pattern.compile("[0-9]{4}[0-9FTUM]|[A-V][0-9]{4}");
    static final Pattern MODIFIER = Pattern.compile("[A-Z0-9]{2}");
    /** NUBC revenue codes are four digits (leading zero included). */
    static final Pattern REVENUE = Pattern.compile("[0-9]{4}");
    /** NUCC health care provider taxonomy codes: ten characters ending in X. */
    static final Pattern TAXONOMY = Pattern.compile("[0-9]{3}[0-9A-Z]{6}X");
    /** HI carries twelve diagnosis composites. */
    static final int MAX_DIAGNOSES = 12;
    /** SV101 / SV202 carry up to four modifiers. */
    static final int MAX_MODIFIERS = 4;
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");
    private static final Pattern QUANTITY = Pattern.compile("\\d{1,12}(\\.\\d{1,3})?");

    /**
     * Columns whose values are never quoted in a reason: reasons reach status files, which must carry no
     * birth dates and no diagnoses.
     */
    static final Set<String> UNQUOTED = Set.of(Columns.SUBSCRIBER_DOB, Columns.PATIENT_DOB, Columns.DIAGNOSIS_CODES,
            Columns.MEMBER_ID, Columns.SUBSCRIBER_LAST_NAME, Columns.SUBSCRIBER_FIRST_NAME, Columns.PATIENT_LAST_NAME,
            Columns.PATIENT_FIRST_NAME, Columns.RETRO_NOTE);

    private final X217Facts facts;
    private final DateTimeFormatter dateFormat;
    private final String dateFormatLabel;

    /** @param datePattern the layout's date pattern (java.time), e.g. {@code uuuu-MM-dd} */
    ValueSyntax(X217Facts facts, String datePattern) {
        this.facts = facts;
        this.dateFormat = DateTimeFormatter.ofPattern(datePattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
        this.dateFormatLabel = datePattern.replace("uuuu", "YYYY").replace("yyyy", "YYYY").replace("dd", "DD");
    }

    /** How a value is shown in a reason: quoted, or not at all for the columns in {@link #UNQUOTED}. */
    static String shown(String column, String value) {
        return UNQUOTED.contains(column) ? "" : " '" + value + "'";
    }

    static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    void claimId(ClaimCheck c, List<ClaimRow> rows, String claimId) {
        if (!CLAIM_ID_FORM.matcher(claimId).matches()) {
            c.reject(ClaimCheck.rowsOf(rows), Columns.CLAIM_ID, RejectionCode.INVALID_CLAIM_ID, "claim_id '" + claimId
                    + "' must be 1-" + RequestIdentifiers.MAX_CLAIM_ID_LENGTH
                    + " letters, digits or . _ / - starting with a letter or digit (it travels in BHT03 and TRN02)");
        }
    }

    /** A code, upper-cased, checked against an allowed set. */
    String code(ClaimCheck c, ClaimRow row, String column, String value, Set<String> allowed, String what) {
        if (value == null) {
            return null;
        }
        String v = value.toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            c.reject(row, column, RejectionCode.INVALID_CODE, column + shown(column, value) + " is not " + what
                    + (allowed.size() <= 12 ? " (" + String.join(", ", new TreeSet<>(allowed)) + ")" : ""));
            return null;
        }
        return v;
    }

    /** A code checked against the code list of the 278 element the column travels in. */
    String x12Code(ClaimCheck c, ClaimRow row, String column, String value, String what) {
        return code(c, row, column, value, facts.codes(Columns.address(column)), what);
    }

    LocalDate date(ClaimCheck c, ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, dateFormat);
        } catch (DateTimeParseException e) {
            c.reject(row, column, RejectionCode.INVALID_DATE, column + shown(column, value) + " is not a real date in the form "
                    + dateFormatLabel);
            return null;
        }
    }

    /** A name or other identifying text: folded to ASCII, refused when it cannot be carried as it is. */
    String text(ClaimCheck c, ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        String v = X12Text.fold(value);
        int bad = X12Text.firstDisallowed(v, c.delimiters());
        if (bad >= 0) {
            char ch = v.charAt(bad);
            c.reject(row, column, RejectionCode.INVALID_TEXT, column + " contains " + X12Text.describe(ch)
                    + (c.delimiters().isDelimiter(ch) ? ", which is a delimiter in this payer's interchanges"
                    : ", which is outside the X12 character set"));
            return null;
        }
        return length(c, row, column, v);
    }

    /** A value checked against the lengths of the 278 element the column travels in. */
    String length(ClaimCheck c, ClaimRow row, String column, String v) {
        if (v == null) {
            return null;
        }
        X12Address where = Columns.address(column);
        int max = facts.maxLength(where);
        int min = facts.minLength(where);
        if (v.length() > max) {
            c.reject(row, column, RejectionCode.TOO_LONG, column + " has " + v.length() + " characters; the 278 ("
                    + where.label() + ") carries at most " + max);
            return null;
        }
        if (v.length() < min) {
            c.reject(row, column, RejectionCode.TOO_SHORT, column + " has " + v.length() + " character(s); the 278 ("
                    + where.label() + ") needs at least " + min);
            return null;
        }
        return v;
    }

    String npi(ClaimCheck c, ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        if (!Npi.isValid(value)) {
            c.reject(row, column, RejectionCode.INVALID_NPI, column + " '" + value
                    + "' is not an NPI (10 digits with a valid check digit)");
            return null;
        }
        return value;
    }

    String matching(ClaimCheck c, ClaimRow row, String column, String value, Predicate<String> test, RejectionCode code,
                    String what) {
        if (value == null) {
            return null;
        }
        if (!test.test(value)) {
            c.reject(row, column, code, column + " '" + value + "' is not " + what);
            return null;
        }
        return value;
    }

    BigDecimal amount(ClaimCheck c, ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        if (!AMOUNT.matcher(value).matches()) {
            c.reject(row, column, RejectionCode.INVALID_AMOUNT, column + " '" + value
                    + "' is not an amount such as 125 or 125.50 (no currency sign, no thousands separator)");
            return null;
        }
        return new BigDecimal(value);
    }

    BigDecimal quantity(ClaimCheck c, ClaimRow row, String column, String value) {
        if (value == null) {
            return null;
        }
        if (!QUANTITY.matcher(value).matches() || new BigDecimal(value).signum() <= 0) {
            c.reject(row, column, RejectionCode.INVALID_QUANTITY, column + " '" + value
                    + "' is not a positive number of units such as 1 or 2.5");
            return null;
        }
        return new BigDecimal(value);
    }

    /** The diagnosis codes of a {@code |}-separated list, dots after the category dropped, each once. */
    List<String> diagnoses(ClaimCheck c, ClaimRow r, String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> codes = new LinkedHashSet<>();
        int position = 0;
        for (String part : text.split("\\|", -1)) {
            String raw = part.trim();
            if (raw.isEmpty()) {
                continue;
            }
            position++;
            String code = raw.toUpperCase(Locale.ROOT);
            // a dot after the category (S52.501A) is a common way of writing the same code
            if (code.length() > 4 && code.charAt(3) == '.') {
                code = code.substring(0, 3) + code.substring(4);
            } else if (code.length() == 4 && code.charAt(3) == '.') {
                code = code.substring(0, 3);
            }
            if (!ICD10CM.matcher(code).matches()) {
                c.reject(r, Columns.DIAGNOSIS_CODES, RejectionCode.INVALID_DIAGNOSIS, "diagnosis code " + position
                        + " is not a well-formed ICD-10-CM code (3-7 characters: letter, digit, digit or letter, then letters or digits)");
                continue;
            }
            if (!codes.add(code)) {
                c.reject(r, Columns.DIAGNOSIS_CODES, RejectionCode.INVALID_DIAGNOSIS, "diagnosis code " + position + " is listed twice");
            }
        }
        if (codes.isEmpty()) {
            c.reject(r, Columns.DIAGNOSIS_CODES, RejectionCode.MISSING_VALUE, "diagnosis_codes holds no code");
        } else if (codes.size() > MAX_DIAGNOSES) {
            c.reject(r, Columns.DIAGNOSIS_CODES, RejectionCode.TOO_MANY, "diagnosis_codes has " + codes.size()
                    + " codes; the 278 HI segment carries at most " + MAX_DIAGNOSES);
        }
        return List.copyOf(codes);
    }

    /** The modifiers of a {@code |}-separated list (none for {@code null}), or {@code null} when one is unusable. */
    List<String> modifiers(ClaimCheck c, ClaimRow r, String text) {
        List<String> modifiers = new ArrayList<>();
        if (text == null) {
            return modifiers;
        }
        boolean ok = true;
        for (String m : text.split("\\|", -1)) {
            String mod = m.trim().toUpperCase(Locale.ROOT);
            if (mod.isEmpty()) {
                continue;
            }
            if (!MODIFIER.matcher(mod).matches()) {
                c.reject(r, Columns.PROCEDURE_MODIFIERS, RejectionCode.INVALID_MODIFIER, "procedure modifier '" + m.trim()
                        + "' is not two letters or digits");
                ok = false;
            } else {
                modifiers.add(mod);
            }
        }
        if (modifiers.size() > MAX_MODIFIERS) {
            c.reject(r, Columns.PROCEDURE_MODIFIERS, RejectionCode.TOO_MANY, "procedure_modifiers has " + modifiers.size()
                    + " modifiers; the 278 carries at most " + MAX_MODIFIERS + " per line");
            ok = false;
        }
        return ok ? modifiers : null;
    }

    String procedure(ClaimCheck c, ClaimRow r, String text) {
        return matching(c, r, Columns.PROCEDURE_CODE, upper(text), p -> PROCEDURE.matcher(p).matches(),
                RejectionCode.INVALID_PROCEDURE, "a CPT code (5 characters: 4 digits, then a digit or F, T, U, M) or a HCPCS code (a letter A-V and 4 digits)");
    }

    String taxonomy(ClaimCheck c, ClaimRow r, String text) {
        return matching(c, r, Columns.REQUESTER_TAXONOMY, upper(text), t -> TAXONOMY.matcher(t).matches(),
                RejectionCode.INVALID_CODE, "a NUCC taxonomy code (10 characters ending in X)");
    }

    String revenue(ClaimCheck c, ClaimRow r, String text) {
        return matching(c, r, Columns.REVENUE_CODE, text, v -> REVENUE.matcher(v).matches(),
                RejectionCode.INVALID_REVENUE_CODE, "a four-digit NUBC revenue code such as 0450");
    }
}
