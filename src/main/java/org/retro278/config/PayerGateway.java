package org.retro278.config;

import java.time.Duration;
import org.retro278.model.Require;
import org.retro278.sftp.SftpConnection;

/**
 * A payer's gateway: an SFTP batch drop, a CORE real-time gateway ({@code core}), or a real-time gateway whose
 * unsolicited answers (the final 278 after a pended one) come back through an SFTP outbound folder.
 *
 * @param sftp           the payer's SFTP server; {@code null} for a real-time payer without a batch path
 * @param inboundFolder  where retro278 uploads 278 requests (the payer's inbound)
 * @param outboundFolder where the payer leaves TA1, 999 and 278 responses
 * @param maxWait        the longest a READY claim waits for more claims before an interchange goes out
 *                       (a full interchange, {@link PayerProfile#maxClaimsPerInterchange()}, goes at once)
 * @param poll           how often the submission and the response routes look
 * @param core           the payer's real-time CORE gateway, or {@code null} for a batch-only payer: requests then go
 *                       over {@code core}, and {@code sftp} (when set) only brings answers back
 */
public record PayerGateway(SftpConnection sftp, String inboundFolder, String outboundFolder, Duration maxWait,
                           Duration poll, CoreGateway core) {
    public PayerGateway {
        Require.nonNull("maxWait poll", maxWait, poll);
        if (core == null) {
            Require.nonNull("sftp inboundFolder outboundFolder", sftp, inboundFolder, outboundFolder);
        }
    }

    /** A batch-only payer's SFTP gateway. */
    public PayerGateway(SftpConnection sftp, String inboundFolder, String outboundFolder, Duration maxWait, Duration poll) {
        this(sftp, inboundFolder, outboundFolder, maxWait, poll, null);
    }

    /** Whether requests go to this payer in real time. */
    public boolean realTime() {
        return core != null;
    }

    /** Whether this payer has an SFTP server (for batch requests, or for answers that come back in batch). */
    public boolean hasSftp() {
        return sftp != null;
    }
}
