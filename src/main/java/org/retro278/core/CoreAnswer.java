package org.retro278.core;

/**
 * A real-time CORE answer: a {@code COREEnvelopeRealTimeResponse} (SOAP) or its MIME form fields. Fields the
 * gateway left out are {@code null}. {@code payload} (a 278 response, a 999 or a TA1) holds PHI and is never
 * logged; it is empty or {@code null} when the gateway refused the envelope itself (ErrorCode other than
 * {@link CorePayloadTypes#SUCCESS}).
 */
public record CoreAnswer(String payloadType, String processingMode, String payloadId, String timeStamp,
                         String senderId, String receiverId, String ruleVersion, String payload,
                         String errorCode, String errorMessage) {

    /** Whether the gateway refused the envelope (an ErrorCode other than Success), so no X12 answer came. */
    public boolean envelopeError() {
        return errorCode != null && !errorCode.isBlank() && !CorePayloadTypes.SUCCESS.equalsIgnoreCase(errorCode.trim());
    }

    /** Whether an X12 payload came back. */
    public boolean hasPayload() {
        return payload != null && !payload.isBlank();
    }

    @Override
    public String toString() { // never the payload
        return "CoreAnswer[" + payloadType + " " + payloadId + " " + errorCode + "]";
    }
}
