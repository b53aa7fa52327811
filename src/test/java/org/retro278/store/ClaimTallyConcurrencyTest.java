package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * claim_tally stays a real count while a file's chunks are released (recordReleasedClaims) beside interchanges being
 * reserved and marked SENT, and each claim is SENT exactly once; on H2 a store transaction that changed the tally holds
 * its rows only for its commit, so a SENT does not wait for an open chunk (docs/store.md, "The tallies").
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class ClaimTallyConcurrencyTest extends StoreTestBase {

    private static final LocalDate SERVICE_DAY = LocalDate.of(2026, 11, 1);
    private static final LocalDateTime ENVELOPE = LocalDateTime.of(2026, 11, 16, 4, 0);
    private static final int CHUNKS = 8;
    private static final int CHUNK = 100;
    private static final String FLAG = "case when overdue then 'true' else 'false' end";
    private static final String KEY = "practice_id || '/' || payer_id || '/' || state || '/' || " + FLAG;
    private static final String KEY_OF_CLAIM = "practice_id || '/' || coalesce(payer_id, '') || '/' || state || '/' || " + FLAG;

    ClaimTallyConcurrencyTest(TestDatabase.Engine engine) {
        super(engine);
    }

    @Test
    void theTallyStaysExactWhileChunksAreReleasedBesideSent() throws Exception {
        long fileId = store.recordReceivedFile("P1", "claims-1.csv", 100, sha(1)).id();
        AtomicBoolean recorded = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Integer> intake = pool.submit(() -> {
                int ready = 0;
                for (int k = 0; k < CHUNKS; k++) {
                    ready += store.recordReleasedClaims(fileId, chunk(k)).ready();
                }
                recorded.set(true);
                return ready;
            });
            Future<Integer> a = pool.submit(() -> sendUntilDone("PAYERA", recorded));
            Future<Integer> b = pool.submit(() -> sendUntilDone("PAYERB", recorded));
            int ready = intake.get(60, TimeUnit.SECONDS);
            int sent = a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS);
            assertEquals(CHUNKS * CHUNK - CHUNKS, ready, "one claim a chunk is refused");
            assertEquals(ready, sent, "every READY claim went out");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(counted("select " + KEY_OF_CLAIM + ", count(*) from claim "
                        + "group by practice_id, coalesce(payer_id, ''), state, overdue"),
                counted("select " + KEY + ", n from claim_tally where n <> 0"),
                "the tally is the count of the claims");
        assertEquals(Map.of(), counted("select cast(claim_key as varchar), count(*) from claim_event where to_state = 'SENT' "
                + "group by claim_key having count(*) <> 1"), "each claim SENT once");
        assertEquals(counted("select cast(interchange_id as varchar), count(*) from claim where state = 'SENT' "
                + "group by interchange_id"), counted("select cast(interchange_id as varchar), n from interchange_awaiting"));
    }

    @Test
    void aSentDoesNotWaitForAnOpenTransactionThatChangedTheSameTallyRows() throws Exception {
        assumeTrue(engine == TestDatabase.Engine.H2, "PostgreSQL's statement triggers hold the rows from the statement on");
        long fileId = store.recordReceivedFile("P1", "claims-2.csv", 100, sha(2)).id();
        List<Long> keys = store.recordClaims(fileId, List.of(claim("E-1", "PAYERA"), claim("E-2", "PAYERA")));
        store.releaseFile(fileId);
        ReservedInterchange ic = store.reserveInterchange("PAYERA", 1, ENVELOPE, isa13 -> "i-" + isa13 + ".x12").orElseThrow();
        store.recordInterchangeBytes(ic.id(), sha(3), 100);
        long other = keys.get(0) == ic.claims().get(0).claimKey() ? keys.get(1) : keys.get(0);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // an open transaction that moves a READY claim of the same practice and payer (its tally key changes)
            boolean sentMeanwhile = store.database().transaction("flagging a claim", c -> {
                try (PreparedStatement up = c.prepareStatement("update claim set overdue = true where id = ?")) {
                    up.setLong(1, other);
                    assertEquals(1, up.executeUpdate());
                }
                Future<Boolean> sent = pool.submit(() -> store.markInterchangeSent(ic.id()));
                try {
                    return sent.get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("the SENT waited for the open transaction's tally rows", e);
                }
            });
            assertTrue(sentMeanwhile);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(Map.of("P1/PAYERA/READY/true", 1L, "P1/PAYERA/SENT/false", 1L),
                counted("select " + KEY + ", n from claim_tally where n <> 0"));
    }

    /** Reserves and marks SENT the payer's READY claims, 150 an interchange, until intake is done and none are left. */
    private int sendUntilDone(String payer, AtomicBoolean recorded) throws Exception {
        int sent = 0;
        while (true) {
            boolean last = recorded.get();
            Optional<ReservedInterchange> r = store.reserveInterchange(payer, 150, ENVELOPE, isa13 -> "i-" + isa13 + ".x12");
            if (r.isEmpty()) {
                if (last) {
                    return sent;
                }
                Thread.onSpinWait();
                continue;
            }
            store.recordInterchangeBytes(r.get().id(), sha(1000 + (int) r.get().id()), 1000);
            assertTrue(store.markInterchangeSent(r.get().id()));
            sent += r.get().claims().size();
        }
    }

    /** Chunk {@code k}: claims for PAYERA and PAYERB in turn, the first without a payer (refused). */
    private static List<NewClaim> chunk(int k) {
        List<NewClaim> claims = new ArrayList<>();
        claims.add(NewClaim.rejected("R-" + k, null, List.of(1L), List.of(new Reason("NO_PAYER", "no payer", "payer_id"))));
        for (int i = 1; i < CHUNK; i++) {
            claims.add(claim("C-" + k + "-" + i, i % 2 == 0 ? "PAYERA" : "PAYERB"));
        }
        return claims;
    }

    private static NewClaim claim(String id, String payer) {
        return NewClaim.of(TestRequests.simple(id, payer, SERVICE_DAY), List.of(2L));
    }

    private Map<String, Long> counted(String sql) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
