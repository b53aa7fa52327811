package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreEnvelope;
import org.retro278.sim.CoreEnvelopeErrors;
import org.retro278.store.ClaimState;
import org.retro278.store.RealTimeLedger;
import org.retro278.store.StoredClaim;

/**
 * The adapter with a real-time payer over CORE SOAP (client certificate) on HTTPS on loopback: PAYERD of the demo
 * configuration, its gateway the simulator's SOAP endpoint started here, its batch path the test SFTP server. Each
 * test drops one claim of the real-time sample and waits for what the payer's answer (or its silence) makes of it.
 */
class RealTimePayerIT extends AdapterIT {

    @Test
    void aPendedClaimIsCertifiedByTheFinal278ThroughTheBatchPath() throws Exception {
        try (AdapterHarness h = harness(); CorePayer payer = payer(h, "")) {
            Adapter a = h.start();
            h.drop("riverside", "rt-pended.csv", CorePayer.claimFile(CorePayer.PENDED_CLAIM));
            awaitState(a, ClaimState.PENDED);
            StoredClaim decided = awaitState(a, ClaimState.CERTIFIED);
            assertTrue(decided.authorizationNumber() != null && !decided.authorizationNumber().isEmpty(), decided.toString());
            assertEquals(1, payer.payloadIds.size(), "one real-time call: " + payer.payloadIds);
            String status = awaitStatusLine(h, "rt-pended.csv", CorePayer.PENDED_CLAIM, "CERTIFIED");
            assertTrue(status.contains(decided.authorizationNumber()), status);
        }
    }

    @Test
    void aRejecting999IsRejectedByTheGateway() throws Exception {
        try (AdapterHarness h = harness(); CorePayer payer = payer(h, "")) {
            payer.payer.reject999(true);
            Adapter a = h.start();
            h.drop("riverside", "rt-999.csv", CorePayer.claimFile(CorePayer.CERTIFIED_CLAIM));
            awaitState(a, ClaimState.REJECTED_BY_GATEWAY);
            awaitStatusLine(h, "rt-999.csv", CorePayer.CERTIFIED_CLAIM, "REJECTED_BY_GATEWAY");
        }
    }

    @Test
    void anEnvelopeErrorIsRejectedByTheGatewayWithItsCodeAndWords() throws Exception {
        try (AdapterHarness h = harness(); CorePayer payer = payer(h, "")) {
            payer.payer.forceEnvelopeError(CoreEnvelopeErrors.RECEIVER_ID_ILLEGAL);
            Adapter a = h.start();
            h.drop("riverside", "rt-envelope.csv", CorePayer.claimFile(CorePayer.CERTIFIED_CLAIM));
            StoredClaim c = awaitState(a, ClaimState.REJECTED_BY_GATEWAY);
            String reasons = words(c);
            assertTrue(reasons.contains(CoreEnvelopeErrors.RECEIVER_ID_ILLEGAL), reasons);
            awaitStatusLine(h, "rt-envelope.csv", CorePayer.CERTIFIED_CLAIM, CoreEnvelopeErrors.RECEIVER_ID_ILLEGAL);
        }
    }

    @Test
    void aSlowPayerLeavesTheClaimSentAndItIsNotSentAgainBeforeRetransmitAfter() throws Exception {
        try (AdapterHarness h = harness(); CorePayer payer = payer(h, "    answerTimeoutSeconds: 1\n")) {
            payer.payer.delay(Duration.ofSeconds(4));
            Adapter a = h.start();
            h.drop("riverside", "rt-slow.csv", CorePayer.claimFile(CorePayer.CERTIFIED_CLAIM));
            AdapterHarness.await("a call without an answer recorded", WAIT, () -> claims(a).stream()
                    .anyMatch(c -> c.state() == ClaimState.SENT && words(c).contains("not sent again before")));
            StoredClaim c = claims(a).get(0);
            String reasons = words(c);
            assertTrue(reasons.contains("1 s") || reasons.toLowerCase().contains("answer"), reasons);
            List<RealTimeLedger.Call> calls = a.store().realTime().calls(c.interchangeId());
            assertEquals(1, calls.size(), calls.toString());
            assertEquals(RealTimeLedger.Outcome.NO_ANSWER, calls.get(0).outcome());
            Matcher m = Pattern.compile("not sent again before (\\S+?Z)").matcher(reasons);
            assertTrue(m.find(), reasons);
            Duration wait = Duration.between(calls.get(0).attemptedAt(), Instant.parse(m.group(1)));
            assertTrue(wait.compareTo(Duration.ofSeconds(90)) >= 0, "next attempt after " + wait);
            Thread.sleep(4500); // a few submission ticks, and the slow answer arriving late: still no second call
            // at most the one request reached the payer (under load the client may give up before the endpoint has read it)
            assertTrue(payer.payloadIds.size() <= 1, payer.payloadIds.toString());
            assertTrue(payer.payloadIds.stream().allMatch(calls.get(0).payloadId()::equals), payer.payloadIds.toString());
            assertEquals(1, a.store().realTime().calls(c.interchangeId()).size());
            assertEquals(ClaimState.SENT, claims(a).get(0).state());
        }
    }

    @Test
    void aServerCertificateOurTrustStoreDoesNotHoldIsRefusedAndTheClaimIsNotSent() throws Exception {
        try (AdapterHarness h = harness();
             CorePayer payer = CorePayer.withUntrustedServerCertificate(tmp.resolve("payer"), SFTP, h.clock())) {
            payer.configure(h, SFTP, "");
            h.secrets(CorePayer.secrets("unused"));
            Adapter a = h.start();
            h.drop("riverside", "rt-tls.csv", CorePayer.claimFile(CorePayer.CERTIFIED_CLAIM));
            AdapterHarness.await("a refused call recorded", WAIT, () -> history(a).contains("did not reach")
                    || history(a).contains("tried again after the back-off"));
            StoredClaim c = claims(a).get(0);
            assertNotEquals(ClaimState.SENT, c.state(), c.toString());
            String history = history(a);
            assertTrue(history.contains("certificate not trusted"), history);
            assertEquals(List.of(), payer.payloadIds, "nothing reached the impostor");
            assertEquals(RealTimeLedger.Outcome.NOT_SENT, a.store().realTime().calls(c.interchangeId()).get(0).outcome());
        }
    }

    private CorePayer payer(AdapterHarness h, String extraCore) throws Exception {
        CorePayer payer = CorePayer.start(tmp.resolve("payer"), CoreEnvelope.SOAP, CoreAuth.CERTIFICATE, SFTP, h.clock());
        payer.configure(h, SFTP, extraCore);
        h.secrets(CorePayer.secrets("unused"));
        return payer;
    }

    static List<StoredClaim> claims(Adapter a) {
        return Reliability.allClaims(a.store());
    }

    static StoredClaim awaitState(Adapter a, ClaimState state) throws InterruptedException {
        AdapterHarness.await("the claim " + state, WAIT, () -> claims(a).stream().anyMatch(c -> c.state() == state));
        return claims(a).stream().filter(c -> c.state() == state).findFirst().orElseThrow();
    }

    /** The words of every change of the (only) claim's history. */
    static String history(Adapter a) {
        List<StoredClaim> all = claims(a);
        if (all.isEmpty()) {
            return "";
        }
        return a.store().operatorView().history(all.get(0).key()).stream().map(e -> String.valueOf(e.detail()))
                .collect(Collectors.joining(" | "));
    }

    static String words(StoredClaim c) {
        return c.reasons().stream().map(r -> r.code() + ": " + r.words()).collect(Collectors.joining(" | "));
    }

    /** Waits until the practice's status file shows the claim's line holding {@code expected}; returns the line. */
    static String awaitStatusLine(AdapterHarness h, String file, String claimId, String expected) throws InterruptedException {
        Path csv = AdapterIT.SFTP.home("riverside").resolve("outbox").resolve(file + ".status.csv");
        String[] line = new String[1];
        AdapterHarness.await(claimId + " " + expected + " in " + csv.getFileName(), WAIT, () -> {
            try {
                if (!Files.exists(csv)) {
                    return false;
                }
                line[0] = Files.readAllLines(csv).stream().filter(l -> l.startsWith(claimId + ",")).findFirst().orElse("");
                return line[0].contains(expected);
            } catch (IOException e) {
                return false;
            }
        });
        return line[0];
    }
}
