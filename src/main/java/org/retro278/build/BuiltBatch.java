package org.retro278.build;

import java.util.List;
import org.retro278.rules.Rejection;

/**
 * What a worker made of a batch of requests for one payer: the bytes of each transaction set that
 * validated clean, in order, and a rejection for each that did not.
 */
public record BuiltBatch(String payerId, List<BuiltSet> sets, List<RejectedSet> rejected) {

    /** One validated transaction set, ST through SE. */
    public record BuiltSet(String claimId, boolean redelivered, byte[] bytes) {
    }

    public record RejectedSet(String claimId, boolean redelivered, Rejection rejection) {
    }
}
