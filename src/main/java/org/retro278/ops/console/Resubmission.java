package org.retro278.ops.console;

/**
 * The console's hook for item 3 of issue 10 ({@code retro278 resubmit}): resends one claim as a new request. The
 * console shows its button, behind a confirmation and a required reason, only when one is given
 * ({@link Console#Console}); the store's operation is being written apart (branch wip/ops-acts) and plugs in here.
 */
@FunctionalInterface
public interface Resubmission {

    /**
     * Resubmits the claim with this store key for an operator of the console.
     *
     * @param reason the operator's words, never empty
     * @return what to show: that it goes out, or why it may not (certified, pended at the payer, ...); no PHI
     */
    String resubmit(long claimKey, String reason);
}
