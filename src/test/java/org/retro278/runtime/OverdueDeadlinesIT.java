package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.runtime.RiversideFile.ALL_CLAIMS;
import static org.retro278.runtime.RiversideFile.PAYERA_CLAIMS;
import static org.retro278.runtime.RiversideFile.PAYERB_CLAIMS;
import static org.retro278.runtime.RiversideFile.all;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.retro278.responses.DeadlineWatch;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.store.ClaimState;
import org.retro278.store.StoredClaim;
import org.retro278.testing.TestClock;

/**
 * Issue 4 end to end: a payer that stays silent. PAYERA never acknowledges; once its acknowledgment
 * deadline (one hour, the shipped default) has passed on the adapter's clock, the deadline route flags its
 * SENT claims OVERDUE: riverside's status files say so, and one PHI-free WARN line is logged per claim.
 * PAYERB's claims, acknowledged and within their decision deadline, are not flagged; the flag goes with the
 * claim's next move. The deadline route runs every half second here instead of every minute (a copy of
 * routes/deadlines.yaml).
 */
class OverdueDeadlinesIT extends AdapterIT {

    @Test
    void aSentClaimWithoutAcknowledgmentIsFlaggedOverdueAfterTheDeadline() throws Exception {
        TestClock clock = TestClock.forSamples();
        try (LogCapture logs = new LogCapture(); AdapterHarness h = harness().clock(clock)) {
            h.editRoute("deadlines.yaml", y -> y.replace("period: 60000", "period: 500").replace("delay: 5000", "delay: 500"));
            SentSample s = SentSample.send(SFTP, h, 900, 950, WAIT);
            Adapter a = s.adapter();
            RiversideFile file = s.file();
            PlayedPayer payerA = s.payerA();
            PlayedPayer payerB = s.payerB();
            RequestInterchange toA = s.toA();
            RequestInterchange toB = s.toB();
            payerB.answer("999-1.x12", payerB.ack999AllAccepted(toB));
            payerB.awaitMoved(".done", WAIT, "999-1.x12");
            Map<String, ClaimState> waiting = new LinkedHashMap<>(all(PAYERA_CLAIMS, ClaimState.SENT));
            waiting.putAll(all(PAYERB_CLAIMS, ClaimState.ACCEPTED));
            file.awaitStates(waiting, WAIT);
            file.awaitStatusStates(waiting, WAIT);
            Thread.sleep(1000); // the deadline route ran twice: nothing is late yet
            assertTrue(file.claims().values().stream().noneMatch(StoredClaim::overdue), "nothing is overdue within the deadline");
            assertTrue(file.csvRows().values().stream().allMatch(r -> r.get("overdue").equals("false")));
            assertTrue(overdueWarnings(logs).isEmpty());

            // an hour and a bit later, PAYERA has still not acknowledged
            clock.advance(Duration.ofMinutes(61));
            AdapterHarness.await("PAYERA's claims flagged", WAIT,
                    () -> PAYERA_CLAIMS.stream().allMatch(id -> file.claim(id).overdue()));
            file.awaitStatus("PAYERA's claims OVERDUE", WAIT,
                    rows -> PAYERA_CLAIMS.stream().allMatch(id -> rows.get(id).get("overdue").equals("true")),
                    lines -> PAYERA_CLAIMS.stream().allMatch(id -> lines.get(id).get("overdue").asBoolean()));
            Map<String, StoredClaim> claims = file.claims();
            var rows = file.csvRows();
            var lines = file.jsonRows();
            for (String id : PAYERA_CLAIMS) {
                assertEquals(ClaimState.SENT, claims.get(id).state(), id);
                assertEquals("SENT", rows.get(id).get("state"), id);
                assertEquals("OVERDUE: the payer's answer is late. Sent to the payer; waiting for its acknowledgment.",
                        rows.get(id).get("next_step"), id);
                assertEquals(rows.get(id).get("next_step"), lines.get(id).get("next_step").asText(), id);
            }
            for (String id : PAYERB_CLAIMS) {
                assertFalse(claims.get(id).overdue(), id);
                assertEquals("false", rows.get(id).get("overdue"), id);
                assertFalse(lines.get(id).get("overdue").asBoolean(), id);
            }
            file.assertStatusFilesShowNoPhi();

            // one WARN line per late claim, naming the claim and the payer, and no PHI in any line
            List<String> warnings = overdueWarnings(logs).stream().map(LogCapture::text).toList();
            assertEquals(3, warnings.size(), warnings::toString);
            for (String id : PAYERA_CLAIMS) {
                assertEquals(1, warnings.stream().filter(w -> w.startsWith("claim " + id + " for payer PAYERA is OVERDUE: "
                        + "no acknowledgment within 60 minutes of sending")).count(), () -> id + " in " + warnings);
            }
            logs.assertNoneShows(RiversideFile.phi());

            // the acknowledgment, late, moves the claims on and clears the flag
            payerA.answer("999-1.x12", payerA.ack999AllAccepted(toA));
            payerA.awaitMoved(".done", WAIT, "999-1.x12");
            file.awaitStates(all(PAYERA_CLAIMS, ClaimState.ACCEPTED), WAIT);
            assertTrue(PAYERA_CLAIMS.stream().noneMatch(id -> file.claim(id).overdue()));
            file.awaitStatus("the flag cleared", WAIT,
                    r -> PAYERA_CLAIMS.stream().allMatch(id -> r.get(id).get("overdue").equals("false")
                            && r.get(id).get("state").equals("ACCEPTED")), l -> true);
            Thread.sleep(1000);
            assertEquals(3, overdueWarnings(logs).size(), "an acknowledged claim is not flagged again");
        }
    }

    private static List<ILoggingEvent> overdueWarnings(LogCapture logs) {
        return logs.events().stream().filter(e -> e.getLevel() == Level.WARN && e.getLoggerName().equals(DeadlineWatch.class.getName()))
                .toList();
    }
}
