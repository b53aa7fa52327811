package org.retro278.mapping;

import java.util.List;

/**
 * All rows of one claim in one file, in file order. Rows without a claim_id each form a group of
 * their own whose {@code claimId} is {@code null}, so that the rules can reject them by row.
 */
public record ClaimGroup(String claimId, List<ClaimRow> rows) {
    public ClaimGroup {
        rows = List.copyOf(rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a claim group has at least one row");
        }
    }

    /** The first row number of the group, for messages. */
    public long firstRow() {
        return rows.get(0).row();
    }
}
