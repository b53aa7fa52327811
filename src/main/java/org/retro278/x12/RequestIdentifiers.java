package org.retro278.x12;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How BHT03 and the 2000E trace number (TRN02) are made from a claim. Both contain the claim id, so a
 * person reading a payer's response can see which claim it answers; both are unique per request because
 * they also contain the ST02 control number, which is never handed out twice. A claim id is at most
 * {@link #MAX_CLAIM_ID_LENGTH} characters so that both fit their elements (BHT03 and TRN02 are 1-50).
 */
public final class RequestIdentifiers {

    /** The longest claim id the identifiers can carry (the 837's CLM01 limit, too). */
    public static final int MAX_CLAIM_ID_LENGTH = 20;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private RequestIdentifiers() {
    }

    /** {@code <claim id>-<yyyyMMddHHmm>-<ST02>}: at most 20 + 1 + 12 + 1 + 9 = 43 characters. */
    public static String bht03(String claimId, LocalDateTime created, long controlNumber) {
        return claimId + "-" + STAMP.format(created) + "-" + controlNumber;
    }

    /** {@code <claim id>-<ST02>}: at most 30 characters. */
    public static String traceNumber(String claimId, long controlNumber) {
        return claimId + "-" + controlNumber;
    }

    public static TransactionIds forClaim(String claimId, long controlNumber, LocalDateTime created) {
        return new TransactionIds(controlNumber, bht03(claimId, created, controlNumber),
                traceNumber(claimId, controlNumber), created);
    }
}
