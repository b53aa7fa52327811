package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.retro278.core.CoreAuth;
import org.retro278.core.CoreEnvelope;
import org.retro278.store.ClaimState;
import org.retro278.store.RealTimeLedger;
import org.retro278.store.StoredClaim;

/**
 * The adapter with a real-time payer over the CORE HTTP MIME envelope on HTTPS on loopback: a certified claim (client
 * certificate) shows CERTIFIED with its authorization number in the status file; a wrong password is refused and
 * said in plain words, and the claim is not sent.
 */
class RealTimeMimeIT extends AdapterIT {

    @Test
    void aCertifiedClaimShowsItsAuthorizationNumberInTheStatusFile() throws Exception {
        try (AdapterHarness h = harness(); CorePayer payer = payer(h, CoreAuth.CERTIFICATE, "unused")) {
            Adapter a = startAndDrop(h, "rt-mime.csv");
            StoredClaim c = RealTimePayerIT.awaitState(a, ClaimState.CERTIFIED);
            assertTrue(c.authorizationNumber() != null && !c.authorizationNumber().isEmpty(), c.toString());
            String line = RealTimePayerIT.awaitStatusLine(h, "rt-mime.csv", CorePayer.CERTIFIED_CLAIM, "CERTIFIED");
            assertTrue(line.contains(c.authorizationNumber()), line);
            assertEquals(1, payer.payloadIds.size(), payer.payloadIds.toString());
            assertEquals(List.of(c.bht03()), payer.bht03s, "the claim's BHT03 reached the payer once");
        }
    }

    @Test
    void aWrongPasswordIsRefusedInPlainWordsAndTheClaimIsNotSent() throws Exception {
        try (AdapterHarness h = harness(); CorePayer payer = payer(h, CoreAuth.PASSWORD, "a-wrong-password")) {
            Adapter a = startAndDrop(h, "rt-cred.csv");
            AdapterHarness.await("a refused call recorded", WAIT, () -> RealTimePayerIT.history(a).contains("did not reach"));
            StoredClaim c = RealTimePayerIT.claims(a).get(0);
            assertTrue(c.state() != ClaimState.SENT, c.toString());
            String history = RealTimePayerIT.history(a);
            assertTrue(history.contains("refused retro278's credential"), history);
            assertTrue(!history.contains("a-wrong-password"), "the password is never in the history");
            assertEquals(RealTimeLedger.Outcome.NOT_SENT, a.store().realTime().calls(c.interchangeId()).get(0).outcome());
        }
    }

    /** PAYERD over MIME with this credential, the adapter given {@code password} as the gateway's password. */
    private CorePayer payer(AdapterHarness h, CoreAuth auth, String password) throws Exception {
        CorePayer payer = CorePayer.start(tmp.resolve("payer"), CoreEnvelope.MIME, auth, SFTP, h.clock());
        payer.configure(h, SFTP, "");
        h.secrets(CorePayer.secrets(password));
        return payer;
    }

    private static Adapter startAndDrop(AdapterHarness h, String fileName) throws Exception {
        Adapter a = h.start();
        h.drop("riverside", fileName, CorePayer.claimFile(CorePayer.CERTIFIED_CLAIM));
        return a;
    }
}
