package org.retro278.x12;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * The identifiers one request transaction set is written with.
 *
 * @param controlNumber ST02 / SE02, a durable never-reused number
 * @param bht03         the submitter's transaction identifier (comes back in the 278 response BHT03)
 * @param traceNumber   2000E TRN02 (comes back with TRN01=2 in the response; the primary correlation key)
 * @param created       BHT04 / BHT05
 */
public record TransactionIds(long controlNumber, String bht03, String traceNumber, LocalDateTime created) {
    public TransactionIds {
        Objects.requireNonNull(bht03, "bht03");
        Objects.requireNonNull(traceNumber, "traceNumber");
        Objects.requireNonNull(created, "created");
    }

    /** ST02 as written: at least four digits (the element is 4-9 characters). */
    public String st02() {
        return String.format("%04d", controlNumber);
    }
}
