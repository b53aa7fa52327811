package org.retro278.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.retro278.store.OperatorView.ClaimCount;
import org.retro278.store.OperatorView.StatusFilter;

/**
 * What {@code status} counts, read from {@code claim_tally} (V9: a few rows per practice and payer, whatever
 * the number of claims), never from the claims themselves. Only {@code --since} cannot be answered from the
 * tally (it keeps no times): {@link OperatorQueries} then counts the claims received since, on the index
 * {@code claim_by_received}, which costs in proportion to those claims.
 */
final class StatusCounts {

    private StatusCounts() {
    }

    /** Claims per state, payer and practice of the practice and payer asked for (null: any); a claim without payer has none. */
    static List<ClaimCount> counts(Connection c, StatusFilter filter) throws SQLException {
        List<ClaimCount> out = new ArrayList<>();
        try (PreparedStatement q = prepare(c, "select state, payer_id, practice_id, sum(n) from claim_tally", filter,
                " group by state, payer_id, practice_id having sum(n) > 0 order by state, payer_id, practice_id");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String payer = rs.getString(2);
                out.add(new ClaimCount(ClaimState.valueOf(rs.getString(1)), payer.isEmpty() ? null : payer, rs.getString(3),
                        rs.getLong(4)));
            }
        }
        return out;
    }

    /** How many claims of the practice and payer asked for are overdue. */
    static long overdue(Connection c, StatusFilter filter) throws SQLException {
        try (PreparedStatement q = prepare(c, "select coalesce(sum(n), 0) from claim_tally where overdue = true", filter, "");
             ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String select, StatusFilter filter, String tail) throws SQLException {
        StringBuilder sql = new StringBuilder(select);
        List<String> values = new ArrayList<>();
        for (String[] term : new String[][] {{"practice_id", filter.practiceId()}, {"payer_id", filter.payerId()}}) {
            if (term[1] != null) {
                sql.append(values.isEmpty() && !select.contains(" where ") ? " where " : " and ").append(term[0]).append(" = ?");
                values.add(term[1]);
            }
        }
        PreparedStatement q = c.prepareStatement(sql.append(tail).toString());
        for (int i = 0; i < values.size(); i++) {
            q.setString(i + 1, values.get(i));
        }
        return q;
    }
}
