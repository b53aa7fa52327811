package org.retro278.runtime;

import static org.retro278.runtime.RiversideFile.ALL_CLAIMS;
import static org.retro278.runtime.RiversideFile.all;

import java.time.Duration;
import org.retro278.sftp.embedded.SftpServerExtension;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.store.ClaimState;

/**
 * The starting point of the response tests: the adapter started, riverside's sample dropped, and every
 * claim SENT; the two payers played by the test, with the request interchange each of them got.
 */
record SentSample(Adapter adapter, RiversideFile file, PlayedPayer payerA, PlayedPayer payerB, RequestInterchange toA,
                  RequestInterchange toB) {

    /**
     * @param firstIsa13A the first ISA13 the played PAYERA answers with (tests keep them apart)
     * @param firstIsa13B likewise for PAYERB
     */
    static SentSample send(SftpServerExtension sftp, AdapterHarness h, long firstIsa13A, long firstIsa13B, Duration wait)
            throws Exception {
        Adapter a = h.start();
        h.drop("riverside", RiversideFile.SAMPLE);
        RiversideFile file = new RiversideFile(sftp, a.store());
        PlayedPayer payerA = new PlayedPayer(sftp, "payera", firstIsa13A);
        PlayedPayer payerB = new PlayedPayer(sftp, "payerb", firstIsa13B);
        RequestInterchange toA = payerA.awaitRequests(1, wait).get(0);
        RequestInterchange toB = payerB.awaitRequests(1, wait).get(0);
        file.awaitStates(all(ALL_CLAIMS, ClaimState.SENT), wait);
        return new SentSample(a, file, payerA, payerB, toA, toB);
    }
}
