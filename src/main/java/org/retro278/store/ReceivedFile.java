package org.retro278.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A claim file as the store knows it.
 *
 * @param id            the store's number for the file
 * @param sha256        the hex SHA-256 of the file's bytes (lower case)
 * @param refusalReason why the file was refused, or {@code null}; plain words for the practice that
 *                      may quote the file, so never a log line
 * @param duplicateOf   the id of the earlier file with the same bytes from the same practice, or
 *                      {@code null} unless the outcome is {@link FileOutcome#DUPLICATE}
 * @param claimCount    claims recorded from the file, or {@code null} until it is processed
 * @param finishedAt    when the outcome became final, or {@code null}
 */
public record ReceivedFile(long id, String practiceId, String fileName, long size, String sha256, Instant receivedAt,
                           FileOutcome outcome, String refusalReason, Long duplicateOf, Integer claimCount,
                           Instant finishedAt) {
    public ReceivedFile {
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** Whether this drop repeats an earlier file and must not be processed. */
    public boolean isDuplicate() {
        return outcome == FileOutcome.DUPLICATE;
    }

    /** Identifiers and outcome only: the refusal reason may quote the file. */
    @Override
    public String toString() {
        return "ReceivedFile[id=" + id + ", practiceId=" + practiceId + ", outcome=" + outcome
                + (duplicateOf != null ? ", duplicateOf=" + duplicateOf : "") + "]";
    }
}
