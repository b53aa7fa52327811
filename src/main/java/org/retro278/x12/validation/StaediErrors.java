package org.retro278.x12.validation;

import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamValidationError;
import java.util.Locale;

/**
 * StAEDI's validation errors in our words: a stable rule name (what a 999 generator and the tests key on) and
 * a sentence; likewise for what the pass makes of them (a loop the guide does not know, a count that does
 * not match, a stream that stops being readable). Messages name segments, elements and codes; they never carry an element's value, except a code
 * in a code-list element, quoted only when it is short and looks like a code (see {@link #quotableCode}).
 */
final class StaediErrors {

    private StaediErrors() {
    }

    /** Rule name for a StAEDI error; {@code null} for errors that add nothing (a summary of element errors). */
    static String rule(EDIStreamValidationError error, String segment) {
        return switch (error) {
            case UNRECOGNIZED_SEGMENT_ID -> "SEGMENT_UNRECOGNIZED";
            case UNEXPECTED_SEGMENT -> "SEGMENT_UNEXPECTED";
            case MANDATORY_SEGMENT_MISSING, IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE,
                 IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING, CONDITIONAL_REQUIRED_SEGMENT_MISSING -> "SEGMENT_MISSING";
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES -> "LOOP_TOO_MANY";
            case SEGMENT_EXCEEDS_MAXIMUM_USE -> "SEGMENT_TOO_MANY";
            case SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET -> "SEGMENT_NOT_IN_SET";
            case SEGMENT_NOT_IN_PROPER_SEQUENCE -> "SEGMENT_OUT_OF_ORDER";
            case SEGMENT_HAS_DATA_ELEMENT_ERRORS -> null;
            case IMPLEMENTATION_UNUSED_SEGMENT_PRESENT, IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT -> "SEGMENT_NOT_USED";
            case IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES -> "LOOP_MISSING";
            case SEGMENT_EXCLUSION_CONDITION_VIOLATED -> "SEGMENT_EXCLUSION";
            case REQUIRED_DATA_ELEMENT_MISSING, IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING -> "ELEMENT_MISSING";
            case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING -> "ELEMENT_CONDITIONAL_MISSING";
            case TOO_MANY_DATA_ELEMENTS -> "ELEMENT_TOO_MANY";
            case EXCLUSION_CONDITION_VIOLATED -> "ELEMENT_EXCLUSION";
            case TOO_MANY_REPETITIONS -> "ELEMENT_TOO_MANY_REPETITIONS";
            case TOO_MANY_COMPONENTS -> "ELEMENT_TOO_MANY_COMPONENTS";
            case IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT, IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT -> "ELEMENT_NOT_USED";
            case IMPLEMENTATION_TOO_FEW_REPETITIONS -> "ELEMENT_TOO_FEW_REPETITIONS";
            case DATA_ELEMENT_TOO_SHORT -> "ELEMENT_TOO_SHORT";
            case DATA_ELEMENT_TOO_LONG -> "ELEMENT_TOO_LONG";
            case INVALID_CHARACTER_DATA -> "ELEMENT_INVALID_CHARACTER";
            case INVALID_CODE_VALUE, IMPLEMENTATION_INVALID_CODE_VALUE -> "CODE_INVALID";
            case INVALID_DATE -> "DATE_INVALID";
            case INVALID_TIME -> "TIME_INVALID";
            case IMPLEMENTATION_PATTERN_MATCH_FAILURE -> "ELEMENT_PATTERN";
            case CONTROL_REFERENCE_MISMATCH -> switch (segment) {
                case "SE" -> "SET_CONTROL_NUMBER_MISMATCH";
                case "GE" -> "GROUP_CONTROL_NUMBER_MISMATCH";
                default -> "INTERCHANGE_CONTROL_NUMBER_MISMATCH";
            };
            case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT -> switch (segment) {
                case "SE" -> "SEGMENT_COUNT_MISMATCH";
                case "GE" -> "SET_COUNT_MISMATCH";
                default -> "GROUP_COUNT_MISMATCH";
            };
            default -> error.name();
        };
    }

    /**
     * Words for an error. {@code name} is the element's or loop's title when the schema has one, {@code code}
     * a quotable code value or {@code null}, {@code allowed} a short list of allowed codes or {@code null}.
     */
    static String message(EDIStreamValidationError error, String what, String name, String code, String allowed) {
        String named = name == null || name.isBlank() ? what : what + " (" + name + ")";
        return switch (error) {
            case UNRECOGNIZED_SEGMENT_ID -> "segment id " + what + " is not a valid X12 segment id";
            case UNEXPECTED_SEGMENT -> "segment " + what + " is not expected here";
            case MANDATORY_SEGMENT_MISSING, IMPLEMENTATION_SEGMENT_BELOW_MINIMUM_USE,
                 IMPLEMENTATION_DEPENDENT_SEGMENT_MISSING, CONDITIONAL_REQUIRED_SEGMENT_MISSING ->
                    "required segment " + named + " is missing (noticed at this segment)";
            case LOOP_OCCURS_OVER_MAXIMUM_TIMES -> "loop " + named + " repeats more often than the guide allows";
            case SEGMENT_EXCEEDS_MAXIMUM_USE -> "segment " + named + " repeats more often than the guide allows here";
            case SEGMENT_NOT_IN_DEFINED_TRANSACTION_SET -> "segment " + what + " does not belong in a 278";
            case SEGMENT_NOT_IN_PROPER_SEQUENCE -> "segment " + what + " is out of order";
            case IMPLEMENTATION_UNUSED_SEGMENT_PRESENT, IMPLEMENTATION_DEPENDENT_UNUSED_SEGMENT_PRESENT ->
                    "segment " + what + " is not used by the guide here";
            case IMPLEMENTATION_LOOP_OCCURS_UNDER_MINIMUM_TIMES ->
                    "required loop " + named + " is missing (noticed at this segment)";
            case SEGMENT_EXCLUSION_CONDITION_VIOLATED -> "segment " + what + " must not be sent together with another one present";
            case REQUIRED_DATA_ELEMENT_MISSING, IMPLEMENTATION_DEPENDENT_DATA_ELEMENT_MISSING -> named + " is required but empty";
            case CONDITIONAL_REQUIRED_DATA_ELEMENT_MISSING -> named + " is required by another element present in the segment";
            case TOO_MANY_DATA_ELEMENTS -> "the segment has more elements than the guide uses";
            case EXCLUSION_CONDITION_VIOLATED -> named + " must not be sent together with another element present in the segment";
            case TOO_MANY_REPETITIONS -> named + " repeats more often than allowed";
            case TOO_MANY_COMPONENTS -> named + " has more components than allowed";
            case IMPLEMENTATION_UNUSED_DATA_ELEMENT_PRESENT, IMPLEMENTATION_DEPENDENT_UNUSED_DATA_ELEMENT_PRESENT ->
                    named + " is not used by the guide and must be empty";
            case IMPLEMENTATION_TOO_FEW_REPETITIONS -> named + " repeats fewer times than required";
            case DATA_ELEMENT_TOO_SHORT -> named + " is shorter than its minimum length";
            case DATA_ELEMENT_TOO_LONG -> named + " is longer than its maximum length";
            case INVALID_CHARACTER_DATA -> named + " holds characters its data type does not allow";
            case INVALID_CODE_VALUE, IMPLEMENTATION_INVALID_CODE_VALUE ->
                    named + (code == null ? " holds a code" : " code '" + code + "' is")
                            + " not allowed here" + (allowed == null ? "" : " (allowed: " + allowed + ")");
            case INVALID_DATE -> named + " is not a valid date ("
                    + (what.startsWith("ISA") || what.startsWith("TA1") ? "YYMMDD" : "CCYYMMDD") + ")";
            case INVALID_TIME -> named + " is not a valid time (HHMM[SS])";
            case IMPLEMENTATION_PATTERN_MATCH_FAILURE -> named + " does not have the form the guide requires";
            case CONTROL_REFERENCE_MISMATCH -> controlReference(what, code);
            case CONTROL_COUNT_DOES_NOT_MATCH_ACTUAL_COUNT -> named + " does not match the actual count";
            default -> named + ": " + error.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String controlReference(String what, String value) {
        String header = switch (what) {
            case "SE02" -> "ST02";
            case "GE02" -> "GS06";
            default -> "ISA13";
        };
        return what + (value == null ? "" : " (" + value + ")") + " does not match " + header;
    }

    /**
     * A value worth quoting as a code: at most {@code maxLength} (and at most 3) letters and digits. A value
     * that does not look like that may be a name or an id shifted into the wrong element and is not quoted.
     */
    static String quotableCode(String value, long maxLength) {
        if (value == null || value.isEmpty() || value.length() > Math.min(3, Math.max(maxLength, 1))) {
            return null;
        }
        return upperCaseOrDigits(value, 0) ? value : null;
    }

    /** Whether every character from {@code from} on is an ASCII capital letter or digit. */
    private static boolean upperCaseOrDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Words for an envelope count (SE01, GE01, IEA01) that does not match: what it says, when that is a
     * number, and what was counted.
     */
    static String countMessage(String what, String tag, String value, long setSegments, long setsInGroup,
                               long groupsInInterchange) {
        boolean number = value != null && !value.isEmpty() && value.length() <= 10
                && value.chars().allMatch(Character::isDigit);
        String said = number ? " says " + value + " but" : " does not match:";
        return switch (tag == null ? "" : tag) {
            case "SE" -> what + said + " the set has " + count(setSegments, "segment") + " (ST to SE)";
            case "GE" -> what + said + " the group has " + count(setsInGroup, "transaction set");
            case "IEA" -> what + said + " the interchange has " + count(groupsInInterchange, "functional group");
            default -> what + " does not match the actual count";
        };
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Words for the first segment of a loop the guide does not know, which StAEDI reports as a cascade of
     * unused segments.
     *
     * @param level      whether the loop is an HL level (else a name loop started by NM101)
     * @param code       the quotable HL03 or NM101, or {@code null}
     * @param guideTitle the set's guide, or {@code null}
     * @param where      the known loop around it, or {@code null}
     */
    static String unknownLoopMessage(boolean level, String code, String guideTitle, String where) {
        return level
                ? "HL03" + (code == null ? "" : " '" + code + "'") + " is not a hierarchical level of the "
                        + (guideTitle == null ? "guide" : guideTitle)
                        + " (20, 21, 22, 23, EV, SS); the segments of this level were not checked against the guide"
                : "NM101" + (code == null ? "" : " '" + code + "'") + " does not start a name loop the guide allows "
                        + (where == null ? "here" : "in " + where) + "; the segments of this loop were not checked against the guide";
    }

    /** Words for where reading stopped: StAEDI's reason without the input it quotes. */
    static String unreadableMessage(EDIStreamException e) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        int cut = detail.indexOf("; input");
        if (cut >= 0) {
            detail = detail.substring(0, cut);
        }
        return "reading stopped here, the rest of the file was not checked: " + detail;
    }

    /**
     * Words for where reading stopped because StAEDI could not follow the structure (it threw instead of
     * reporting): only the kind of failure, since an exception's own text may quote the input.
     */
    static String unreadableMessage(RuntimeException e) {
        return "reading stopped here, the rest of the file was not checked: its structure could not be followed ("
                + e.getClass().getSimpleName() + ")";
    }

    /** The title of an element or loop in the schema, for naming it in a message; may be {@code null}. */
    static String title(EDIReference reference) {
        if (reference == null) {
            return null;
        }
        String title = reference.getTitle();
        if (title == null && reference.getReferencedType() != null) {
            EDIType type = reference.getReferencedType();
            title = type.getTitle();
        }
        return title;
    }

    /** A segment id as read, or {@code null} when it does not look like one (it is then not repeated). */
    static String segmentId(String tag) {
        if (tag == null || tag.length() < 2 || tag.length() > 3 || !Character.isUpperCase(tag.charAt(0))) {
            return null;
        }
        return upperCaseOrDigits(tag, 1) ? tag : null;
    }
}
