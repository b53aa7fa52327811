package org.retro278.mapping;

/**
 * What one read of a claim file handed on, and where every physical line of the file went. Counts only,
 * so it may be logged.
 *
 * @param rows            data rows handed on (header and blank rows not counted; each row once, even when
 *                        its claim was handed on twice); lines that are not valid CSV are rows too
 * @param claims          distinct claims handed on: each claim id once, each row without a claim id once
 * @param splitClaims     claims whose rows were not adjacent: retracted, then handed on whole after the
 *                        end of the file
 * @param defectiveRows   rows handed on with a {@link ClaimRow#defect()} (unreadable lines included)
 * @param blankRows       rows with no non-blank cell, skipped (they carry no data)
 * @param unreadableLines lines that are not valid CSV, each handed on as a defective row of its own with
 *                        whatever claim id it shows
 * @param lines           physical lines in the file
 * @param headerLines     lines up to and including the header (blank lines before it included)
 * @param blankLines      lines of the blank rows
 * @param rowLines        lines of the rows handed on (a row whose quoted cell spans lines counts each)
 */
public record ReadSummary(long rows, long claims, long splitClaims, long defectiveRows, long blankRows,
                          long unreadableLines, long lines, long headerLines, long blankLines, long rowLines) {

    /** Whether every physical line is the header's, a blank row's or a row's that was handed on. */
    public boolean accountsForEveryLine() {
        return lines == headerLines + blankLines + rowLines;
    }
}
