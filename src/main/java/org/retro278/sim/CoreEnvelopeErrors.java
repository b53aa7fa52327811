package org.retro278.sim;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.retro278.core.CoreAnswer;
import org.retro278.core.CorePayloadTypes;

/**
 * The envelope errors a simulated CORE gateway answers (the CORE connectivity rule's ErrorCode values, in the
 * rule's spelling), and the answer that carries one: PayloadType {@value #ENVELOPE_ERROR}, no payload, the
 * sender and receiver of the request swapped, its PayloadID echoed. Shared by the MIME and SOAP endpoints and
 * the simulated payer behind them.
 */
public final class CoreEnvelopeErrors {

    /** The PayloadType of an answer that reports an envelope error. */
    public static final String ENVELOPE_ERROR = "CoreEnvelopeError";

    public static final String PAYLOAD_TYPE_REQUIRED = "PayloadTypeRequired";
    public static final String PAYLOAD_TYPE_ILLEGAL = "PayloadTypeIllegal";
    public static final String PROCESSING_MODE_REQUIRED = "ProcessingModeRequired";
    public static final String PROCESSING_MODE_ILLEGAL = "ProcessingModeIllegal";
    public static final String PAYLOAD_ID_REQUIRED = "PayloadIDRequired";
    public static final String TIME_STAMP_REQUIRED = "TimeStampRequired";
    public static final String TIME_STAMP_ILLEGAL = "TimeStampIllegal";
    public static final String SENDER_ID_REQUIRED = "SenderIDRequired";
    public static final String RECEIVER_ID_REQUIRED = "ReceiverIDRequired";
    public static final String RECEIVER_ID_ILLEGAL = "ReceiverIDIllegal";
    public static final String RULE_VERSION_REQUIRED = "CORERuleVersionRequired";
    public static final String VERSION_MISMATCH = "VersionMismatch";
    public static final String PAYLOAD_REQUIRED = "PayloadRequired";
    public static final String PAYLOAD_ILLEGAL = "PayloadIllegal";
    public static final String UNAUTHORIZED = "UnAuthorized";

    private CoreEnvelopeErrors() {
    }

    /**
     * An envelope-error answer to a request whose fields are as given ({@code null} or blank where it left them out).
     *
     * @param message plain words; never a payload
     */
    public static CoreAnswer answer(String payloadId, String senderId, String receiverId, String ruleVersion, Instant now,
                                    String code, String message) {
        return new CoreAnswer(ENVELOPE_ERROR, CorePayloadTypes.REAL_TIME, payloadId, DateTimeFormatter.ISO_INSTANT.format(now),
                receiverId, senderId, ruleVersion, null, code, message);
    }
}
