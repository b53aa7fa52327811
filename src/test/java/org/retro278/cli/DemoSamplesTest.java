package org.retro278.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DemoSamplesTest {

    @Test
    void everyRealDateMovesByTheSameDaysInEitherLayoutsFormat() {
        String row = "CLM1,2026-10-02,,1984-03-12,10/14/2026,\"Coverage confirmed on 11/05/2026, effective 2026-10-01.\"";
        assertEquals("CLM1,2027-10-02,,1985-03-12,10/14/2027,\"Coverage confirmed on 11/05/2027, effective 2027-10-01.\"",
                DemoSamples.shift(row, 365));
        assertEquals("x,2026-09-30,09/30/2026", DemoSamples.shift("x,2026-10-02,10/02/2026", -2));
    }

    @Test
    void whatOnlyLooksLikeADateStaysWrong() {
        // the mistakes sample shows an impossible birth date: moving it would make it right, or fail
        assertEquals("1990-02-30,02/30/1990,2026-13-01,12345-10-02", DemoSamples.shift("1990-02-30,02/30/1990,2026-13-01,12345-10-02", 400));
    }

    @Test
    void noShiftOnTheSamplesOwnDay() {
        assertEquals("2026-11-15", DemoSamples.shift("2026-11-15", 0));
    }
}
