package org.retro278.submit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.retro278.config.CoreGateway;
import org.retro278.store.RealTimeLedger.Call;
import org.retro278.store.RealTimeLedger.Outcome;

/**
 * When a real-time interchange may be called again, from its calls so far (the CORE rule: a request that may have
 * reached the payer is never sent again sooner than {@code retransmitAfter} after it was sent):
 * <ul>
 *   <li>never called: now;</li>
 *   <li>answered: never again;</li>
 *   <li>every call certainly stopped short of the payer (NOT_SENT): after the submission's back-off, as a failed upload;</li>
 *   <li>a call may have reached the payer (NO_ANSWER, or no outcome: the process stopped during it): not before the
 *       longer of {@code retransmitAfter} and {@code retrySpacing} after the last such call, and, after a NOT_SENT
 *       call since, the back-off too; at most {@code retries} such calls after the first, then never again.</li>
 * </ul>
 */
record RetransmitRule(Duration retransmitAfter, Duration retrySpacing, int retries, RetryBackoff backoff) {

    static RetransmitRule of(CoreGateway gateway, RetryBackoff backoff) {
        return new RetransmitRule(gateway.retransmitAfter(), gateway.retrySpacing(), gateway.retries(), backoff);
    }

    /**
     * What the calls allow.
     *
     * @param never     no call is to be made again
     * @param notBefore the earliest the next call may be made when the wait is known (a retransmission), else {@code null}
     * @param due       whether it may be made now
     * @param words     plain words: when it may be sent again, or why never
     */
    record Next(boolean never, Instant notBefore, boolean due, String words) {
    }

    Next next(List<Call> calls, Instant now) {
        if (calls.isEmpty()) {
            return new Next(false, null, true, "not called yet");
        }
        if (calls.stream().anyMatch(c -> c.outcome() == Outcome.ANSWERED)) {
            return new Next(true, null, false, "answered");
        }
        List<Call> reached = calls.stream().filter(c -> c.outcome() != Outcome.NOT_SENT).toList();
        Call last = calls.get(calls.size() - 1);
        int notSentSince = 0;
        for (int i = calls.size() - 1; i >= 0 && calls.get(i).outcome() == Outcome.NOT_SENT; i--) {
            notSentSince++;
        }
        boolean backoffPassed = notSentSince == 0 || backoff.passed(notSentSince, last.attemptedAt(), now);
        if (reached.isEmpty()) {
            return new Next(false, null, backoffPassed, "it never reached the payer; tried again after the back-off");
        }
        int retransmitted = reached.size() - 1;
        if (retransmitted >= retries) {
            return new Next(true, null, false, retries == 0
                    ? "not sent again (no retransmission is configured): the payer's answer is awaited (OVERDUE when late;"
                            + " an operator may resubmit)"
                    : "not sent again: the " + retries + " retransmission(s) allowed are used up; the payer's answer is awaited"
                            + " (OVERDUE when late; an operator may resubmit)");
        }
        Duration wait = retrySpacing.compareTo(retransmitAfter) > 0 ? retrySpacing : retransmitAfter;
        Instant notBefore = reached.get(reached.size() - 1).attemptedAt().plus(wait);
        boolean due = !now.isBefore(notBefore) && backoffPassed;
        return new Next(false, notBefore, due, "not sent again before " + notBefore + " (retransmission " + (retransmitted + 1)
                + " of " + retries + ", same interchange, new PayloadID)");
    }
}
