package org.retro278.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A row of a claim's history ({@code claim_event}) to write, in the transaction that made the change: every
 * room that changes a claim writes its history through {@link #writeAll}, with the {@link HistoryCause} of the change.
 *
 * @param from {@code null} for the claim's arrival
 * @param detail PHI-free words (ids, control numbers), cut to the column
 */
record HistoryEntry(long claimKey, ClaimState from, ClaimState to, String detail) {

    /**
     * One history row, with the same words, for every claim that {@code where} selects (the claims one statement has
     * just moved; its one parameter is {@code key}), in one statement.
     *
     * @return the rows written
     */
    static int writeMoved(Connection c, String where, long key, ClaimState from, ClaimState to, String detail,
                          OffsetDateTime now, HistoryCause cause) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("insert into claim_event (claim_key, occurred_at, from_state, to_state, "
                + "detail, actor, received_file_id, interchange_id, response_file_id) select id, ?, ?, ?, ?, ?, ?, ?, ? "
                + "from claim where " + where + " order by id")) {
            Sql.setTime(ins, 1, now);
            Sql.setText(ins, 2, from == null ? null : from.name());
            ins.setString(3, to.name());
            Sql.setText(ins, 4, Sql.clip(detail, 1000));
            Sql.setText(ins, 5, cause.actor());
            Sql.setLong(ins, 6, cause.receivedFileId());
            Sql.setLong(ins, 7, cause.interchangeId());
            Sql.setLong(ins, 8, cause.responseFileId());
            ins.setLong(9, key);
            return ins.executeUpdate();
        }
    }

    static void writeAll(Connection c, List<HistoryEntry> entries, OffsetDateTime now, HistoryCause cause) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(
                "insert into claim_event (claim_key, occurred_at, from_state, to_state, detail, actor, received_file_id, "
                        + "interchange_id, response_file_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (HistoryEntry e : entries) {
                ins.setLong(1, e.claimKey());
                Sql.setTime(ins, 2, now);
                Sql.setText(ins, 3, e.from() == null ? null : e.from().name());
                ins.setString(4, e.to().name());
                Sql.setText(ins, 5, Sql.clip(e.detail(), 1000));
                Sql.setText(ins, 6, cause.actor());
                Sql.setLong(ins, 7, cause.receivedFileId());
                Sql.setLong(ins, 8, cause.interchangeId());
                Sql.setLong(ins, 9, cause.responseFileId());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }
}
