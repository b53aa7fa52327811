package org.retro278.x12;

/**
 * One problem found in an X12 file, located well enough for a person to find it and worded so that a
 * person understands it. Messages never quote the value of an element that may carry PHI (names, ids,
 * dates, diagnoses, free text); code values of qualifier and code-list elements may be quoted.
 *
 * @param segmentPosition        1-based position of the segment counted from ISA over the whole file
 * @param transactionPosition    1-based position within the transaction set (ST = 1), or {@code null}
 *                               outside a transaction set; this is what a 999 IK302 would carry
 * @param transactionControlNumber ST02 of the enclosing transaction set, or {@code null}
 * @param loop                   implementation loop id such as 2010A, or {@code null}
 * @param segment                segment id such as NM1, or {@code null}
 * @param element                1-based element position, or {@code null}
 * @param component              1-based component position, or {@code null}
 * @param rule                   a stable rule name, for example SEGMENT_COUNT_MISMATCH, HL_PARENT, DATE_INVALID
 * @param message                plain words
 */
public record X12Problem(long segmentPosition, Integer transactionPosition, String transactionControlNumber,
                         String loop, String segment, Integer element, Integer component, String rule,
                         String message) {

    /** One line for people: where, which rule, what is wrong. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("segment ").append(segmentPosition);
        if (transactionPosition != null) {
            b.append(" (set ").append(transactionControlNumber == null ? "?" : transactionControlNumber)
                    .append(" position ").append(transactionPosition).append(')');
        }
        if (loop != null) {
            b.append(" loop ").append(loop);
        }
        if (segment != null) {
            b.append(' ').append(segment);
            if (element != null) {
                b.append(String.format("%02d", element));
                if (component != null) {
                    b.append('-').append(component);
                }
            }
        }
        b.append(": ").append(rule).append(": ").append(message);
        return b.toString();
    }
}
