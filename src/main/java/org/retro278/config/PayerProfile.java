package org.retro278.config;

import org.retro278.model.Require;
import org.retro278.x12.Delimiters;

/**
 * Everything retro278 knows about one payer: how to address it in X12, and its retro rules.
 *
 * @param usage                   ISA15: 'T' test or 'P' production
 * @param acknowledgmentRequested ISA14: whether the payer is asked for a TA1
 * @param maxClaimsPerInterchange most transaction sets in one interchange; more claims roll over into
 *                                further interchanges
 * @param gateway                 how requests reach the payer and responses come back, or {@code null} for
 *                                a payer only the offline converter writes for
 * @param deadlines               when an unanswered claim is flagged OVERDUE
 */
public record PayerProfile(String id, String name, InterchangeIds ids, char usage, boolean acknowledgmentRequested,
                           Delimiters delimiters, RetroPolicy retro, int maxClaimsPerInterchange, PayerGateway gateway,
                           Deadlines deadlines) {

    public PayerProfile(String id, String name, InterchangeIds ids, char usage, boolean acknowledgmentRequested,
                        Delimiters delimiters, RetroPolicy retro, int maxClaimsPerInterchange) {
        this(id, name, ids, usage, acknowledgmentRequested, delimiters, retro, maxClaimsPerInterchange, null, Deadlines.DEFAULT);
    }

    public PayerProfile(String id, String name, InterchangeIds ids, char usage, boolean acknowledgmentRequested,
                        Delimiters delimiters, RetroPolicy retro, int maxClaimsPerInterchange, PayerGateway gateway) {
        this(id, name, ids, usage, acknowledgmentRequested, delimiters, retro, maxClaimsPerInterchange, gateway, Deadlines.DEFAULT);
    }

    public PayerProfile {
        Require.nonNull("id name ids delimiters retro deadlines", id, name, ids, delimiters, retro, deadlines);
    }

}
