package org.retro278.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.retro278.runtime.RiversideFile.ALL_CLAIMS;
import static org.retro278.runtime.RiversideFile.all;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.retro278.sim.PayerSimulator.Decision;
import org.retro278.sim.PayerSimulator.RequestInterchange;
import org.retro278.sim.SftpServerExtension;
import org.retro278.store.ClaimState;

/**
 * The whole loop on PostgreSQL, the production store: claims in, 278s out, acknowledgments and decisions
 * back, status files out, the same response file twice changing nothing. Runs when a server answers at
 * RETRO278_TEST_PG_URL (default jdbc:postgresql://127.0.0.1:5432/test, user RETRO278_TEST_PG_USER or
 * postgres); {@code .ci/run} makes one answer and sets RETRO278_TEST_PG_REQUIRED, which turns a missing
 * server into a failure.
 */
class PostgresStoreIT {

    @RegisterExtension
    static final SftpServerExtension SFTP = SftpServerExtension.builder().keyAccount(AdapterHarness.ACCOUNTS).build();

    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private static String setting(String name, String otherwise) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? otherwise : v;
    }

    @Test
    void theWholeLoopRunsOnPostgres() throws Exception {
        String url = setting("RETRO278_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        String user = setting("RETRO278_TEST_PG_USER", "postgres");
        String password = setting("RETRO278_TEST_PG_PASSWORD", "");
        boolean required = Boolean.parseBoolean(setting("RETRO278_TEST_PG_REQUIRED", "false"));
        String schema = "retro278_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        } catch (java.sql.SQLException e) {
            if (required) {
                Assertions.fail("RETRO278_TEST_PG_REQUIRED is set but no PostgreSQL answers at " + url + ": " + e.getMessage());
            }
            Assumptions.abort("no PostgreSQL server answers at " + url);
        }
        String storeUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&user=" + user
                + (password.isEmpty() ? "" : "&password=" + password);
        try (AdapterHarness h = new AdapterHarness(SFTP, tmp).storeUrl(storeUrl).clock(MovableClock.at(RiversideFile.AS_OF))) {
            Adapter a = h.start();
            h.drop("riverside", RiversideFile.SAMPLE);
            RiversideFile file = new RiversideFile(SFTP, a.store());
            PlayedPayer payerA = new PlayedPayer(SFTP, "payera", 700);
            PlayedPayer payerB = new PlayedPayer(SFTP, "payerb", 900);
            RequestInterchange toA = payerA.awaitRequests(1, WAIT).get(0);
            RequestInterchange toB = payerB.awaitRequests(1, WAIT).get(0);
            file.awaitStates(all(ALL_CLAIMS, ClaimState.SENT), WAIT);

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
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("select count(*), sum(case when has_request then 1 else 0 end) from "
                         + schema + ".claim")) {
                assertTrue(rs.next());
                assertEquals(5, rs.getInt(1));
                assertEquals(5, rs.getInt(2));
            }
            assertTrue(!Files.exists(h.work().resolve("db")) || Files.list(h.work().resolve("db")).findAny().isEmpty(),
                    "no H2 database was created");
        } finally {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            } catch (java.sql.SQLException ignored) {
                // nothing was created
            }
        }
    }
}
