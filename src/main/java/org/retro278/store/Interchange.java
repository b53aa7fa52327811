package org.retro278.store;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * An interchange as the store knows it.
 *
 * @param id               the store's number for the interchange
 * @param envelopeTime     the date and time written in its envelope and transaction sets
 * @param transactionCount how many transaction sets (claims) it holds
 * @param sha256           hex SHA-256 of its bytes once recorded, else {@code null}
 * @param size             its size in bytes once recorded, else {@code null}
 * @param attempts         failed delivery attempts so far
 * @param lastError        PHI-free words about the last failed attempt, or {@code null}
 */
public record Interchange(long id, String payerId, long isa13, long gs06, String fileName, InterchangeState state,
                          LocalDateTime envelopeTime, int transactionCount, String sha256, Long size,
                          Instant createdAt, Instant sentAt, int attempts, Instant lastAttemptAt, String lastError) {
}
