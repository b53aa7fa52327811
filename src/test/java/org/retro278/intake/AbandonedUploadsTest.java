package org.retro278.intake;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.retro278.testing.TestClock;

/** A dot-file is taken for an abandoned upload only after the quiet period without any change, on our clock. */
class AbandonedUploadsTest {

    private final TestClock clock = TestClock.stoppedAt(Instant.parse("2026-11-16T16:00:00Z"));
    private final AbandonedUploads uploads = new AbandonedUploads(clock, Duration.ofMinutes(10));

    @Test
    void anUnchangedDotFileIsAbandonedOnlyOnceTheQuietPeriodHasPassed() {
        assertFalse(uploads.abandoned("/drop/.a.part", 100, 1_000));
        clock.advance(Duration.ofMinutes(9));
        assertFalse(uploads.abandoned("/drop/.a.part", 100, 1_000));
        clock.advance(Duration.ofMinutes(1));
        assertTrue(uploads.abandoned("/drop/.a.part", 100, 1_000));
    }

    @Test
    void anyChangeOfSizeOrTimeStartsTheCountAgain() {
        uploads.abandoned("/drop/.a.part", 100, 1_000);
        clock.advance(Duration.ofMinutes(8));
        assertFalse(uploads.abandoned("/drop/.a.part", 200, 1_000), "it grew");
        clock.advance(Duration.ofMinutes(8));
        assertFalse(uploads.abandoned("/drop/.a.part", 200, 2_000), "touched");
        clock.advance(Duration.ofMinutes(8));
        assertFalse(uploads.abandoned("/drop/.a.part", 200, 2_000));
        clock.advance(Duration.ofMinutes(2));
        assertTrue(uploads.abandoned("/drop/.a.part", 200, 2_000));
        assertFalse(uploads.abandoned("/drop/.b.part", 200, 2_000), "each file counts for itself");
    }

    @Test
    void aFileNotListedForADayIsForgottenAndCountsAfreshWhenItComesBack() {
        uploads.abandoned("/drop/.a.part", 100, 1_000);
        clock.advance(Duration.ofDays(2));
        uploads.abandoned("/drop/.other", 1, 1); // any listing forgets what was not seen for a day
        assertFalse(uploads.abandoned("/drop/.a.part", 100, 1_000));
    }
}
