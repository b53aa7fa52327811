package org.retro278.store;

/**
 * Schema version 10.1: the triggers that keep {@code interchange_awaiting} (V10) and its first filling, as
 * {@link ClaimTallyTriggers} does for the tally. H2 calls {@link InterchangeAwaitingTrigger} per row; PostgreSQL
 * adds each interchange's net change of claims SENT from the statement's transition tables at once, interchanges in
 * order, then drops the rows that fell to zero.
 */
final class InterchangeAwaitingTriggers extends ClaimTriggersMigration {

    /** The claims SENT of a transition table, each as its interchange with a sign. */
    private static final String ROWS = "select interchange_id, %d as d from %s where state = 'SENT' and interchange_id is not null";
    private static final String ADD = "insert into interchange_awaiting (interchange_id, n) select interchange_id, sum(d) "
            + "from (%s) x group by interchange_id having sum(d) <> 0 order by interchange_id "
            + "on conflict (interchange_id) do update set n = interchange_awaiting.n + excluded.n";
    /** Only a claim leaving SENT brings a row to zero: look at those interchanges alone. */
    private static final String DROP_EMPTY = ";\n  delete from interchange_awaiting where n = 0 and interchange_id in "
            + "(select interchange_id from old_claims where state = 'SENT')";

    InterchangeAwaitingTriggers() {
        super("10.1", "interchange awaiting triggers and first filling", "interchange_awaiting", InterchangeAwaitingTrigger.class,
                ADD.formatted(ROWS.formatted(1, "new_claims")),
                ADD.formatted(ROWS.formatted(-1, "old_claims")) + DROP_EMPTY,
                ADD.formatted(ROWS.formatted(-1, "old_claims") + " union all " + ROWS.formatted(1, "new_claims")) + DROP_EMPTY,
                "insert into interchange_awaiting (interchange_id, n) select interchange_id, count(*) from claim "
                        + "where state = 'SENT' and interchange_id is not null group by interchange_id");
    }
}
