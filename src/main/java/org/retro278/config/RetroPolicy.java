package org.retro278.config;

/**
 * What a payer accepts for retrospective (post-service) requests over EDI.
 *
 * @param accepted           whether the payer takes retro requests as 278s at all
 * @param windowDays         how many days after the start date (earliest date of service, or the
 *                           admission date for an admission review) a request is still accepted
 * @param attachmentRequired whether every retro request must announce supporting documents (PWK)
 */
public record RetroPolicy(boolean accepted, int windowDays, boolean attachmentRequired) {
    public RetroPolicy {
        if (accepted && windowDays < 0) {
            throw new IllegalArgumentException("windowDays must be zero or more");
        }
    }
}
