package org.retro278.core;

/**
 * The CORE envelope's PayloadType and ProcessingMode values retro278 sends and understands, in one place
 * (docs/x12-278-notes.md section 7.2). The "E1" errata suffix lives only in these names; GS08 and ST03 stay
 * 005010X217.
 */
public final class CorePayloadTypes {
    /** A 278 request. */
    public static final String REQUEST_278 = "X12_278_Request_005010X217E1_2";
    /** A 278 response. */
    public static final String RESPONSE_278 = "X12_278_Response_005010X217E1_2";
    /** A 999 implementation acknowledgment. */
    public static final String ACK_999 = "X12_999_Response_005010X231A1";
    /** A TA1 interchange acknowledgment (the CORE table spells the version 00501). */
    public static final String ACK_TA1 = "X12_TA1_Response_00501X231A1";
    /** The ProcessingMode of a real-time call. */
    public static final String REAL_TIME = "RealTime";
    /** The ErrorCode of an envelope the gateway accepted. */
    public static final String SUCCESS = "Success";

    private CorePayloadTypes() {
    }
}
