package org.retro278.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of the tests: it never reads the machine's date or time zone, so the suite passes on any
 * day and in any zone (.ci/run runs it a second time a year ahead, in another zone). It either stands still
 * ({@link #stoppedAt}) or runs at real speed from a pinned moment ({@link #runningFrom}: the adapter's timers,
 * back-offs and quiet periods need time to pass); either way {@link #advance} moves it by hand.
 */
public final class TestClock extends Clock {

    /** The zone of every test clock (not UTC, so that a date computed in the wrong zone shows). */
    public static final ZoneId ZONE = ZoneId.of("America/Chicago");

    /** A moment at which the sample claim files (dated 2026-11-15) fall inside every payer's retro window. */
    public static final LocalDateTime SAMPLES_AS_OF = LocalDateTime.of(2026, 11, 16, 10, 0);

    private final ZoneId zone;
    private final Instant start;
    /** {@link System#nanoTime()} at the start, or {@code null} for a clock that stands still. */
    private final Long startNanos;
    private final AtomicReference<Duration> moved;

    private TestClock(ZoneId zone, Instant start, Long startNanos, AtomicReference<Duration> moved) {
        this.zone = zone;
        this.start = start;
        this.startNanos = startNanos;
        this.moved = moved;
    }

    /** A clock that reads {@code instant} until it is advanced. */
    public static TestClock stoppedAt(Instant instant) {
        return new TestClock(ZONE, instant, null, new AtomicReference<>(Duration.ZERO));
    }

    /** A clock that reads {@code pretended} (in {@link #ZONE}) now and runs on at real speed. */
    public static TestClock runningFrom(LocalDateTime pretended) {
        return new TestClock(ZONE, pretended.atZone(ZONE).toInstant(), System.nanoTime(), new AtomicReference<>(Duration.ZERO));
    }

    /** {@link #runningFrom(LocalDateTime)} at {@link #SAMPLES_AS_OF}: what tests that use the sample files want. */
    public static TestClock forSamples() {
        return runningFrom(SAMPLES_AS_OF);
    }

    /** Moves the clock forward (for example past a deadline). */
    public void advance(Duration d) {
        moved.updateAndGet(m -> m.plus(d));
    }

    /** What the clock reads now, as a date and time in its zone. */
    public LocalDateTime localNow() {
        return LocalDateTime.ofInstant(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant t = start.plus(moved.get());
        return startNanos == null ? t : t.plusNanos(System.nanoTime() - startNanos);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new TestClock(z, start, startNanos, moved);
    }
}
