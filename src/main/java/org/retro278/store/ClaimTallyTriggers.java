package org.retro278.store;

/**
 * Schema version 9.1: the triggers that keep {@code claim_tally} (V9) and its first filling. H2 calls
 * {@link ClaimTallyTrigger} per row; PostgreSQL adds each key's net change from the statement's transition tables at
 * once, keys in order (so two transactions take the tally rows they share in the same order).
 */
final class ClaimTallyTriggers extends ClaimTriggersMigration {

    private static final String KEY = "practice_id, payer_id, state, overdue";
    /** The rows of a transition table as tally keys with a sign. */
    private static final String ROWS = "select practice_id, coalesce(payer_id, '') as payer_id, state, overdue, %d as d from %s";
    private static final String ADD = "insert into claim_tally (" + KEY + ", n) select " + KEY + ", sum(d) from (%s) x "
            + "group by " + KEY + " having sum(d) <> 0 order by " + KEY
            + " on conflict (" + KEY + ") do update set n = claim_tally.n + excluded.n";

    ClaimTallyTriggers() {
        super("9.1", "claim tally triggers and first filling", "claim_tally", ClaimTallyTrigger.class,
                ADD.formatted(ROWS.formatted(1, "new_claims")),
                ADD.formatted(ROWS.formatted(-1, "old_claims")),
                ADD.formatted(ROWS.formatted(-1, "old_claims") + " union all " + ROWS.formatted(1, "new_claims")),
                "insert into claim_tally (" + KEY + ", n) select practice_id, coalesce(payer_id, ''), state, overdue, "
                        + "count(*) from claim group by practice_id, coalesce(payer_id, ''), state, overdue");
    }
}
