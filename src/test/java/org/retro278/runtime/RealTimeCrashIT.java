package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreEnvelope;
import org.retro278.store.ClaimState;
import org.retro278.store.RealTimeLedger;
import org.retro278.store.StoredClaim;
import org.retro278.submit.FaultInjection;

/**
 * The adapter dies during a real-time call (a separate JVM, killed like SIGKILL) and is started again on the same
 * work directory and store: the payer got the request once, and within retransmitAfter (90 s) it is not sent again,
 * whether the process died while the payer was still answering or just after the answer came (before any of it was
 * recorded). The simulator counts the PayloadIDs and BHT03s it received.
 */
class RealTimeCrashIT extends AdapterIT {

    @Test
    void killedWhileThePayerIsAnsweringTheRequestIsNotSentAgain() throws Exception {
        try (AdapterHarness h = harness(); CorePayer payer = payer(h)) {
            payer.payer.delay(Duration.ofSeconds(3));
            Process p = child(h);
            try {
                h.drop("riverside", "rt-crash.csv", CorePayer.claimFile(CorePayer.CERTIFIED_CLAIM));
                AdapterHarness.await("the call at the payer", WAIT, () -> !payer.payloadIds.isEmpty());
            } finally {
                p.destroyForcibly(); // SIGKILL while the payer holds the request
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            restartAndCheckOneRequest(h, payer);
        }
    }

    @Test
    void haltedAfterTheAnswerCameTheRequestIsNotSentAgain() throws Exception {
        try (AdapterHarness h = harness(); CorePayer payer = payer(h)) {
            Process p = child(h, "-D" + FaultInjection.PROPERTY + "=" + FaultInjection.Point.AFTER_CORE_ANSWER);
            try {
                h.drop("riverside", "rt-crash.csv", CorePayer.claimFile(CorePayer.CERTIFIED_CLAIM));
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the adapter did not halt");
            } finally {
                p.destroyForcibly();
            }
            assertEquals(137, p.exitValue());
            assertEquals(1, payer.payloadIds.size(), payer.payloadIds.toString());
            restartAndCheckOneRequest(h, payer);
        }
    }

    private static void restartAndCheckOneRequest(AdapterHarness h, CorePayer payer) throws Exception {
        Adapter a = h.start();
        AdapterHarness.await("the claim in the store", WAIT, () -> !RealTimePayerIT.claims(a).isEmpty());
        Thread.sleep(2500); // ten real-time ticks after the restart, all inside the 90 s retransmitAfter window
        StoredClaim c = RealTimePayerIT.claims(a).get(0);
        assertEquals(1, payer.payloadIds.size(), "requests at the payer: " + payer.payloadIds);
        assertEquals(1, new HashSet<>(payer.bht03s).size(), payer.bht03s.toString());
        assertEquals(List.of(c.bht03()), payer.bht03s);
        List<RealTimeLedger.Call> calls = a.store().realTime().calls(c.interchangeId());
        assertEquals(1, calls.size(), "one call in the claim's history: " + calls);
        assertEquals(payer.payloadIds.get(0), calls.get(0).payloadId(), "the PayloadID of the call is the one recorded");
        assertTrue(c.state() != ClaimState.READY, c.toString());
    }

    private CorePayer payer(AdapterHarness h) throws Exception {
        CorePayer payer = CorePayer.start(tmp.resolve("payer"), CoreEnvelope.SOAP, CoreAuth.CERTIFICATE, SFTP, h.clock());
        payer.configure(h, SFTP, "");
        h.secrets(CorePayer.secrets("unused"));
        return payer;
    }

    private Process child(AdapterHarness h, String... jvmOptions) throws Exception {
        Path log = tmp.resolve("crashed-run.log");
        ProcessBuilder pb = new ProcessBuilder(h.command(jvmOptions)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(CorePayer.secrets("unused")); // the separate JVM reads its secrets from the environment
        Files.deleteIfExists(log);
        return pb.start();
    }
}
