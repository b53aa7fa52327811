package org.retro278.store;

import java.time.Duration;
import java.time.Instant;

/**
 * The claims waiting for one payer: READY and not yet reserved for an interchange.
 *
 * @param count how many, counted up to the limit the caller gave ({@code TransactionStore.readyQueue})
 * @param oldestReadyAt when the longest-waiting of them became READY
 */
public record ReadyQueue(String payerId, long count, Instant oldestReadyAt) {

    /** How long the oldest claim has waited at {@code now}. */
    public Duration oldestAge(Instant now) {
        return Duration.between(oldestReadyAt, now);
    }
}
