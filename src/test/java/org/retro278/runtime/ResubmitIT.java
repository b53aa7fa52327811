package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.retro278.cli.Cli;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.sim.ReceivedRequest;
import org.retro278.store.ClaimState;
import org.retro278.store.StoredClaim;
import org.retro278.testing.TestClock;

/**
 * Issue 10 end to end: a claim the payer's gateway rejected is resubmitted with {@code retro278 resubmit} while the
 * adapter runs (a second process's view of the same installation), and the running adapter sends it once more, alone,
 * as a new request: new ST02, new trace number and BHT03. Resubmitting it again is refused.
 */
class ResubmitIT extends AdapterIT {

    @Test
    void aRejectedClaimResubmittedWhileRunGoesOutOnceWithANewTraceNumber() throws Exception {
        try (LogCapture logs = new LogCapture();
             AdapterHarness h = harness().clock(TestClock.forSamples())) {
            SentSample s = SentSample.send(SFTP, h, 800, 900, WAIT);
            PlayedPayer payerA = s.payerA();
            RequestInterchange toA = s.toA();
            ReceivedRequest first = toA.requests().stream().filter(r -> r.claimId().equals("CLM1002")).findFirst().orElseThrow();
            payerA.answer("999-partly.x12", payerA.ack999Rejecting(toA, List.of(first.st02())));
            payerA.awaitMoved(".done", WAIT, "999-partly.x12");
            s.file().awaitStates(Map.of("CLM1002", ClaimState.REJECTED_BY_GATEWAY), WAIT);

            Cli resubmit = cli(h, "resubmit", "CLM1002", "--reason", "gateway's NM1 check fixed", "--operator", "dana");
            assertEquals(0, resubmit.exit, resubmit.toString());
            assertTrue(resubmit.out.contains("CLM1002: resubmitted (was REJECTED_BY_GATEWAY, trace " + first.traceNumber() + ")"),
                    resubmit.out);

            List<RequestInterchange> received = payerA.awaitRequests(2, WAIT);
            RequestInterchange again = received.get(1);
            assertEquals(1, again.requests().size(), "only the resubmitted claim goes out");
            ReceivedRequest second = again.requests().get(0);
            assertEquals("CLM1002", second.claimId());
            assertNotEquals(first.traceNumber(), second.traceNumber());
            assertNotEquals(first.bht03(), second.bht03());
            assertNotEquals(first.st02(), second.st02());
            assertNotEquals(toA.isa13(), again.isa13());
            s.file().awaitStates(Map.of("CLM1002", ClaimState.SENT), WAIT);
            StoredClaim sent = s.file().claim("CLM1002");
            assertEquals(second.traceNumber(), sent.traceNumber());
            assertEquals(2, sent.attempt());

            Cli twice = cli(h, "resubmit", "CLM1002", "--reason", "again", "--operator", "dana");
            assertEquals(1, twice.exit, twice.toString());
            assertTrue(twice.out.contains("refused: SENT: the payer's answer is awaited"), twice.out);
            Thread.sleep(3_000); // several submission ticks: nothing more goes out
            assertEquals(2, payerA.awaitRequests(2, WAIT).size(), "sent exactly once");

            Cli history = cli(h, "claim", "CLM1002");
            assertTrue(history.out.contains("REJECTED_BY_GATEWAY -> READY  operator dana"), history.out);
            assertTrue(history.out.contains(": gateway's NM1 check fixed"), history.out);
            logs.assertNoneShows(RiversideFile.phi());
        }
    }

    /** The command on the installation of {@code h}, on the adapter's (pinned) clock, as a run --as-of would be paired. */
    private static Cli cli(AdapterHarness h, String... args) {
        String now = LocalDateTime.ofInstant(h.clock().instant(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS).toString();
        if (args[0].equals("resubmit")) {
            args = Stream.concat(Stream.of(args), Stream.of("--as-of", now)).toArray(String[]::new);
        }
        return Cli.onInstallation(h.config(), h.work(), args);
    }
}
