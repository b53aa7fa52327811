package org.retro278.submit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The wait after a failed upload: the first wait, doubling, never above the longest. */
class RetryBackoffTest {

    private static final Instant LAST = Instant.parse("2026-11-15T09:00:00Z");
    private final RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    @Test
    void anInterchangeNotYetTriedGoesAtOnce() {
        assertTrue(backoff.passed(0, null, LAST));
    }

    @Test
    void theWaitDoublesWithEachFailure() {
        assertFalse(backoff.passed(1, LAST, LAST.plusMillis(1_999)));
        assertTrue(backoff.passed(1, LAST, LAST.plusSeconds(2)));
        assertFalse(backoff.passed(3, LAST, LAST.plusMillis(7_999)));
        assertTrue(backoff.passed(3, LAST, LAST.plusSeconds(8)));
    }

    @Test
    void theWaitNeverExceedsTheLongest() {
        assertFalse(backoff.passed(40, LAST, LAST.plusSeconds(299)));
        assertTrue(backoff.passed(40, LAST, LAST.plusSeconds(300)));
    }
}
