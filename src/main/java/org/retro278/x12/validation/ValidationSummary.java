package org.retro278.x12.validation;

/**
 * What one validation run saw.
 *
 * @param x12             whether the input started as X12 (an ISA segment); {@code false} for an empty file
 *                        or anything else, which callers treat as "not an X12 file" rather than "X12 with
 *                        problems"
 * @param interchanges    ISA/IEA envelopes read
 * @param groups          GS/GE functional groups read
 * @param transactionSets ST/SE transaction sets read
 * @param segments        segments read, envelopes included
 * @param problems        problems reported
 */
public record ValidationSummary(boolean x12, long interchanges, long groups, long transactionSets, long segments,
                                long problems) {

    /** True when the input is X12 and no problem was found. */
    public boolean clean() {
        return x12 && problems == 0;
    }

    /** One line for people, without any data from the file. */
    public String describe() {
        if (!x12) {
            return "not an X12 file";
        }
        return String.format("%d interchange%s, %d group%s, %d transaction set%s, %d segment%s: %s",
                interchanges, plural(interchanges), groups, plural(groups), transactionSets, plural(transactionSets),
                segments, plural(segments), problems == 0 ? "no problems" : problems + " problem" + plural(problems));
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
