package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.runtime.RiversideFile.ALL_CLAIMS;
import static org.retro278.runtime.RiversideFile.all;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.retro278.sim.PayerSimulator.Decision;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.store.ClaimState;
import org.retro278.store.TestDatabase;
import org.retro278.testing.TestClock;

/**
 * The whole loop on PostgreSQL, the production store: claims in, 278s out, acknowledgments and decisions
 * back, status files out, the same response file twice changing nothing. The database is a fresh schema
 * from the store tests' {@link TestDatabase} (the same settings: skipped when no server answers, a
 * failure when RETRO278_TEST_PG_REQUIRED is set, as {@code .ci/run} does).
 */
class PostgresStoreIT extends AdapterIT {

    @Test
    void theWholeLoopRunsOnPostgres() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Engine.POSTGRESQL, tmp.resolve("db"));
             AdapterHarness h = harness().storeUrl(db.urlWithCredentials())
                     .clock(TestClock.forSamples())) {
            SentSample sent = SentSample.send(SFTP, h, 700, 900, WAIT);
            Adapter a = sent.adapter();
            RiversideFile file = sent.file();
            PlayedPayer payerA = sent.payerA();
            PlayedPayer payerB = sent.payerB();
            RequestInterchange toA = sent.toA();
            RequestInterchange toB = sent.toB();

            payerA.answer("999-1.x12", payerA.ack999AllAccepted(toA));
            payerB.answer("999-1.x12", payerB.ack999AllAccepted(toB));
            file.awaitStates(all(ALL_CLAIMS, ClaimState.ACCEPTED), WAIT);

            Map<String, Decision> decisions = new LinkedHashMap<>();
            decisions.put("CLM1001", Decision.CERTIFIED);
            decisions.put("CLM1002", Decision.DENIED);
            decisions.put("CLM1003", Decision.PENDED);
            byte[] first = payerA.responses(toA, decisions, false);
            payerA.answer("278-1.x12", first);
            file.awaitStates(Map.of("CLM1001", ClaimState.CERTIFIED, "CLM1002", ClaimState.DENIED, "CLM1003", ClaimState.PENDED), WAIT);
            payerA.answer("278-2.x12", payerA.responses(toA, Map.of("CLM1003", Decision.PENDED), true));
            file.awaitStates(Map.of("CLM1003", ClaimState.CERTIFIED), WAIT);
            Map<String, ClaimState> expected = Map.of("CLM1001", ClaimState.CERTIFIED, "CLM1002", ClaimState.DENIED,
                    "CLM1003", ClaimState.CERTIFIED, "CLM1004", ClaimState.ACCEPTED, "CLM1005", ClaimState.ACCEPTED);
            file.awaitStatusStates(expected, WAIT);

            // the first 278 response again: applied before, nothing changes
            String before = Files.readString(file.statusCsv());
            payerA.answer("278-1-again.x12", first);
            payerA.awaitMoved(".done", WAIT, "278-1-again.x12");
            Thread.sleep(2_500); // two status polls
            file.awaitStates(expected, WAIT);
            assertEquals(before, Files.readString(file.statusCsv()));

            // it was PostgreSQL that held all this, not an H2 file under the work directory
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*), sum(case when has_request then 1 else 0 end) from "
                         + db.schema() + ".claim")) {
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1));
                assertEquals(5, rs.getInt(2));
            }
            assertTrue(!Files.exists(h.work().resolve("db")) || Files.list(h.work().resolve("db")).findAny().isEmpty(),
                    "no H2 database was created");
        }
    }
}
