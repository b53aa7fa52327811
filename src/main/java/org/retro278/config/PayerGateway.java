package org.retro278.config;

import java.time.Duration;
import org.retro278.model.Require;
import org.retro278.sftp.SftpConnection;

/**
 * A payer's SFTP batch gateway.
 *
 * @param inboundFolder  where retro278 uploads 278 requests (the payer's inbound)
 * @param outboundFolder where the payer leaves TA1, 999 and 278 responses
 * @param maxWait        the longest a READY claim waits for more claims before an interchange goes out
 *                       (a full interchange, {@link PayerProfile#maxClaimsPerInterchange()}, goes at once)
 * @param poll           how often the submission and the response routes look
 */
public record PayerGateway(SftpConnection sftp, String inboundFolder, String outboundFolder, Duration maxWait,
                           Duration poll) {
    public PayerGateway {
        Require.nonNull("sftp inboundFolder outboundFolder maxWait poll",
                sftp, inboundFolder, outboundFolder, maxWait, poll);
    }
}
