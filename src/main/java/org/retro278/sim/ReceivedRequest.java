package org.retro278.sim;

import java.util.List;

/**
 * What the payer simulator read from one 278 request transaction set: the identifiers a payer echoes
 * and the segments it repeats in its response (kept as element lists; PHI, never logged).
 *
 * @param claimId the claim id as retro278 puts it at the start of the trace number
 */
public record ReceivedRequest(String st02, String bht03, String traceNumber, String traceOriginator, String claimId,
                              List<List<String>> levels, List<String> um, List<Line> lines) {

    /** A request service line: its DTP*472 and SV1/SV2, elements as read. */
    public record Line(List<String> dtp, List<String> service) {
    }
}
