package org.retro278.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The adapter's clock in integration tests: the system clock shifted to a pretended moment (so that the
 * sample files' dates fall inside the payers' retro windows whatever day the tests run), running at real
 * speed, and moved forward by hand to make deadlines pass.
 */
final class MovableClock extends Clock {

    private final ZoneId zone;
    private final AtomicReference<Duration> offset;

    private MovableClock(ZoneId zone, AtomicReference<Duration> offset) {
        this.zone = zone;
        this.offset = offset;
    }

    /** A clock that reads {@code pretended} (in the system zone) now. */
    static MovableClock at(LocalDateTime pretended) {
        ZoneId zone = ZoneId.systemDefault();
        return new MovableClock(zone, new AtomicReference<>(Duration.between(Instant.now(), pretended.atZone(zone).toInstant())));
    }

    void advance(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
        return new MovableClock(z, offset);
    }
}
