package org.retro278.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 5.1: fills {@code claim.identity_sha256} (added by V5) for the claims recorded before it,
 * so that a claim already sent before the upgrade is still recognised when it is dropped again. The hash is
 * made from the stored request in Java ({@link ClaimIdentity}); SQL on both engines cannot. Claims are
 * streamed and updated in batches, in Flyway's transaction for this version; a request that cannot be read
 * leaves its claim without an identity (counted in the log, never its content).
 */
final class ClaimIdentityBackfill extends StoreMigration {

    private static final Logger log = LoggerFactory.getLogger(ClaimIdentityBackfill.class);
    private static final int BATCH = 500;

    ClaimIdentityBackfill() {
        super("5.1", "claim identity of claims recorded before version 5");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        RequestJson requests = new RequestJson();
        int filled = 0;
        int unreadable = 0;
        try (PreparedStatement q = c.prepareStatement("select c.id, c.practice_id, r.request_json from claim c "
                + "join claim_request r on r.claim_key = c.id where c.identity_sha256 is null order by c.id");
             PreparedStatement up = c.prepareStatement("update claim set identity_sha256 = ? where id = ?")) {
            q.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    String hash;
                    try {
                        hash = ClaimIdentity.sha256(rs.getString(2), requests.read(rs.getString(3)));
                    } catch (IllegalArgumentException e) {
                        unreadable++;
                        continue;
                    }
                    up.setString(1, hash);
                    up.setLong(2, rs.getLong(1));
                    up.addBatch();
                    filled++;
                    if (++pending == BATCH) {
                        up.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                up.executeBatch();
            }
        }
        log.info("claim identities of {} earlier claims filled in{}", filled,
                unreadable == 0 ? "" : "; " + unreadable + " stored requests could not be read and have none");
    }
}
