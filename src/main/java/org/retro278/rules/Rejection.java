package org.retro278.rules;

import java.util.List;
import java.util.Objects;

/**
 * One reason a claim was refused.
 *
 * @param claimId the claim's id, or {@code null} for a row without one
 * @param rows    the file rows concerned (header = row 1)
 * @param field   the column (canonical name) the reason is about, or {@code null} for the claim as a whole
 * @param message plain words that say what is wrong and, where it helps, what to do; may quote the
 *                offending value, so rejection reports are files for the practice, never log lines
 */
public record Rejection(String claimId, List<Long> rows, String field, RejectionCode code, String message) {
    public Rejection {
        rows = List.copyOf(rows);
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }
}
