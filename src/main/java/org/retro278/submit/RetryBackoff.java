package org.retro278.submit;

import java.time.Duration;
import java.time.Instant;

/**
 * How long an interchange whose upload failed waits before the next attempt: {@code first} after the first
 * failure, doubling with each further failure, never more than {@code max}
 * ({@code retro278.submit.retryBackoff.*}).
 */
public record RetryBackoff(Duration first, Duration max) {

    /** Whether an interchange with {@code attempts} failed attempts, the last at {@code lastAttemptAt}, may be tried now. */
    public boolean passed(int attempts, Instant lastAttemptAt, Instant now) {
        if (attempts == 0 || lastAttemptAt == null) {
            return true;
        }
        long factor = 1L << Math.min(20, attempts - 1);
        Duration wait = first.multipliedBy(factor);
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        return !now.isBefore(lastAttemptAt.plus(wait));
    }
}
