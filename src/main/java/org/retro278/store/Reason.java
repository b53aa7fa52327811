package org.retro278.store;

import java.util.Objects;
import org.retro278.rules.Rejection;

/**
 * One reason a claim is in its state: why it was rejected (locally, by the gateway or by the payer) or
 * what went wrong ({@link ClaimState#ERROR}).
 *
 * @param code  a stable code: a {@link org.retro278.rules.RejectionCode} name, an X12 code (for example
 *              an AAA03 reject reason) or an adapter error code
 * @param words plain words for the practice; may quote offending values, so this is PHI and never a log
 *              line (status files and reports only)
 * @param field the claim-file column the reason is about, or {@code null}
 */
public record Reason(String code, String words, String field) {
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(words, "words");
    }

    /** A reason about the claim as a whole (no particular column). */
    public Reason(String code, String words) {
        this(code, words, null);
    }

    /** The reason an input rule gave. */
    public static Reason of(Rejection rejection) {
        return new Reason(rejection.code().name(), rejection.message(), rejection.field());
    }

    /** The code and field only: the words may quote PHI. */
    @Override
    public String toString() {
        return "Reason[" + code + (field != null ? " " + field : "") + "]";
    }
}
