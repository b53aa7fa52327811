package org.retro278.core;

import java.time.Instant;
import org.retro278.model.Require;

/**
 * One real-time CORE request: a {@code COREEnvelopeRealTimeRequest} (SOAP) or the same fields as MIME form
 * fields. {@code payload} is the whole X12 interchange (one 278) as text; it holds PHI and is never logged.
 *
 * @param payloadId      a fresh UUID per attempt
 * @param timeStamp      when the envelope was made; sent as xsd:dateTime in UTC ({@code 2026-12-07T01:02:03Z})
 * @param payloadType    {@link CorePayloadTypes#REQUEST_278}
 * @param processingMode {@link CorePayloadTypes#REAL_TIME}
 */
public record CoreRequest(String payloadType, String processingMode, String payloadId, Instant timeStamp,
                          String senderId, String receiverId, String ruleVersion, String payload) {
    public CoreRequest {
        Require.nonNull("payloadType processingMode payloadId timeStamp senderId receiverId ruleVersion payload",
                payloadType, processingMode, payloadId, timeStamp, senderId, receiverId, ruleVersion, payload);
    }

    /** A real-time 278 request. */
    public static CoreRequest realTime278(String payloadId, Instant timeStamp, String senderId, String receiverId,
                                          String ruleVersion, String payload) {
        return new CoreRequest(CorePayloadTypes.REQUEST_278, CorePayloadTypes.REAL_TIME, payloadId, timeStamp,
                senderId, receiverId, ruleVersion, payload);
    }

    @Override
    public String toString() { // never the payload
        return "CoreRequest[" + payloadType + " " + payloadId + "]";
    }
}
