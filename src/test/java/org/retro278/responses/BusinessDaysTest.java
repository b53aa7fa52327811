package org.retro278.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The decision deadline counts Monday to Friday only (2026-11-16 is a Monday). */
class BusinessDaysTest {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private final DeadlineWatch watch = new DeadlineWatch(null, null, Clock.system(ZONE));

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZONE).toInstant();
    }

    private Instant cutoff(String now, int days) {
        return watch.minusBusinessDays(at(now), days);
    }

    @Test
    void onAWeekdayTheSameTimeOfDayThatManyWeekdaysBefore() {
        assertEquals(at("2026-11-16T10:00"), cutoff("2026-11-18T10:00", 2), "Wednesday: Monday");
        assertEquals(at("2026-11-19T10:00"), cutoff("2026-11-23T10:00", 2), "Monday: the Thursday before, the weekend skipped");
        assertEquals(at("2026-11-20T10:00"), cutoff("2026-11-23T10:00", 1), "Monday: Friday");
    }

    @Test
    void aWeekendDoesNotCount() {
        // acknowledged Thursday 09:00, two business days: due Monday 09:00, so not late on Saturday
        assertEquals(at("2026-11-19T00:00"), cutoff("2026-11-21T10:00", 2), "Saturday: Thursday 00:00");
        assertEquals(at("2026-11-19T00:00"), cutoff("2026-11-22T23:00", 2), "Sunday: the same");
        // acknowledged on a weekend: counts from Monday 00:00, due Wednesday 00:00
        assertEquals(at("2026-11-20T10:00"), cutoff("2026-11-24T10:00", 2), "Tuesday: Friday 10:00, a Saturday event is not late");
        assertEquals(at("2026-11-23T00:00"), cutoff("2026-11-25T00:00", 2), "Wednesday 00:00: Monday 00:00, it is");
    }
}
