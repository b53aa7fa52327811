package org.retro278.rules;

import java.util.ArrayList;
import java.util.List;
import org.retro278.mapping.ClaimRow;
import org.retro278.x12.Delimiters;

/**
 * The reasons found against one claim, collected rather than thrown: a claim with several mistakes gets
 * them all in one report, not one per attempt. Also carries the payer's delimiters once the payer is
 * known, since they decide which characters can be sent.
 */
final class ClaimCheck {

    private final String claimId;
    private final List<Rejection> rejections = new ArrayList<>();
    private Delimiters delimiters = Delimiters.STANDARD;

    ClaimCheck(String claimId) {
        this.claimId = claimId;
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

    /** A column's value, or {@code null} after recording that it is missing. */
    String required(ClaimRow row, String column) {
        String v = row.get(column);
        if (v == null) {
            reject(row, column, RejectionCode.MISSING_VALUE, column + " is required");
        }
        return v;
    }

    /** The row numbers of a claim's rows, for reasons about the claim as a whole. */
    static List<Long> rowsOf(List<ClaimRow> rows) {
        return rows.stream().map(ClaimRow::row).toList();
    }
}
