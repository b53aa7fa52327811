package org.retro278.ops.console;

import org.retro278.store.OperatorActions;
import org.retro278.store.OperatorActions.Resubmit;

/**
 * The console's way to resend one claim as a new request (issue 10 item 3, what {@code retro278 resubmit} does): the
 * store's {@link OperatorActions#resubmit}, supplied by {@code runtime/Adapter}. The console shows its form, a
 * required reason and a confirmation step, only when one is given ({@link Console#Console}).
 */
@FunctionalInterface
public interface Resubmission {

    /**
     * Resubmits the claim with this store key, or refuses it with words (certified, pended at the payer, ...).
     *
     * @param operator who asks, for the history (whose actor is "operator " and this)
     * @param reason   the operator's words, never empty
     */
    Resubmit resubmit(long claimKey, String operator, String reason);
}
