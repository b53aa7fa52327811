package org.retro278.config;

import java.time.Duration;

/**
 * How long a payer may take to answer before a claim is flagged OVERDUE.
 *
 * @param acknowledgment        from sending to the acknowledgment (999), in clock time
 * @param decisionBusinessDays  from the acknowledgment to the decision (278 response), in business days
 *                              (Monday to Friday)
 * @param pendedBusinessDays    from a pended response (A4) to the final decision, in business days
 */
public record Deadlines(Duration acknowledgment, int decisionBusinessDays, int pendedBusinessDays) {

    /** One hour to acknowledge, two business days to decide (CAQH CORE's batch figures), the same after a pend. */
    public static final Deadlines DEFAULT = new Deadlines(Duration.ofHours(1), 2, 2);
}
