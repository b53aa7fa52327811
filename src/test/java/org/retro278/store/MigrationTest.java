package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.retro278.model.RetroAuthorizationRequest;
import org.retro278.x12.control.ControlNumberKind;

@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.Engine.class)
class MigrationTest {

    private final TestDatabase.Engine engine;
    @TempDir
    Path dir;
    private TestDatabase db;

    MigrationTest(TestDatabase.Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void freshDatabase() throws Exception {
        db = TestDatabase.create(engine, dir);
    }

    @AfterEach
    void drop() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void anEmptyDatabaseGetsTheWholeSchema() throws Exception {
        try (TransactionStore store = db.open()) {
            assertEquals(Map.of(ControlNumberKind.INTERCHANGE, 1L, ControlNumberKind.GROUP, 1L, ControlNumberKind.TRANSACTION, 1L),
                    new StoreInspection(store).controlNumbers().peek());
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            TreeSet<String> tables = new TreeSet<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String schema = rs.getString("TABLE_SCHEM");
                    if (schema != null && !schema.equalsIgnoreCase("information_schema") && !schema.startsWith("pg_")) {
                        tables.add(rs.getString("TABLE_NAME"));
                    }
                }
            }
            assertTrue(tables.containsAll(List.of("claim", "claim_event", "control_number", "flyway_schema_history",
                    "interchange", "received_file", "claim_request", "response_file", "unmatched_response", "core_attempt")), tables.toString());
            Map<String, Boolean> applied = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("select version, success from flyway_schema_history where version is not null")) {
                while (rs.next()) {
                    applied.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            assertEquals(Stream.of("1", "2", "3", "4", "5", "5.1", "6", "7", "8", "9", "9.1", "10", "10.1", "11", "12")
                    .collect(Collectors.toMap(v -> v, v -> true)), applied);
        }
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() throws Exception {
        long fileId;
        try (TransactionStore store = db.open()) {
            fileId = store.recordReceivedFile("P1", "a.csv", 10, "a".repeat(64)).id();
            new StoreInspection(store).controlNumbers().next(ControlNumberKind.INTERCHANGE);
        }
        try (TransactionStore store = db.open()) {
            assertEquals("a.csv", store.findFile(fileId).orElseThrow().fileName());
            assertEquals(2L, new StoreInspection(store).controlNumbers().peek().get(ControlNumberKind.INTERCHANGE));
        }
    }

    @Test
    void aVersion3DatabaseKeepsItsRequestsWhenTheyMoveToTheirOwnTable() throws Exception {
        // a store as version 3 left it: the request inside the claim row
        Flyway.configure().dataSource(db.url, db.user, db.password).locations("classpath:db/migration")
                .target("3").load().migrate();
        String request = new RequestJson().write(TestRequests.full("C1", "PAYERA"));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into received_file (practice_id, file_name, size_bytes, sha256, original_sha256, received_at, outcome) "
                    + "values ('P1', 'old.csv', 10, '" + "c".repeat(64) + "', '" + "c".repeat(64) + "', current_timestamp, 'PROCESSED')");
            long fileId;
            try (ResultSet rs = s.executeQuery("select id from received_file")) {
                rs.next();
                fileId = rs.getLong(1);
            }
            try (PreparedStatement ins = c.prepareStatement("insert into claim (file_id, practice_id, "
                    + "practice_claim_id, payer_id, state, request_json, file_rows, received_at, updated_at) values "
                    + "(?, 'P1', ?, 'PAYERA', ?, ?, '[2]', current_timestamp, current_timestamp)")) {
                for (Object[] row : new Object[][] {{"C1", "READY", request}, {"C2", "REJECTED_LOCALLY", null}}) {
                    ins.setLong(1, fileId);
                    ins.setString(2, (String) row[0]);
                    ins.setString(3, (String) row[1]);
                    ins.setString(4, (String) row[2]);
                    ins.executeUpdate();
                }
            }
        }
        try (TransactionStore store = db.open()) {
            long fileId;
            try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id from received_file")) {
                rs.next();
                fileId = rs.getLong(1);
            }
            List<StoredClaim> claims = store.claimsOfFile(fileId);
            assertEquals(2, claims.size());
            assertEquals(TestRequests.full("C1", "PAYERA"), new StoreInspection(store).request(claims.get(0).key()).orElseThrow());
            assertTrue(new StoreInspection(store).request(claims.get(1).key()).isEmpty());
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select practice_claim_id, has_request from claim order by id")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(2), "C1 has its request");
            assertTrue(rs.next());
            assertEquals(false, rs.getBoolean(2), "C2 never had one");
        }
    }

    @Test
    void aVersion4DatabaseGetsTheIdentityOfItsClaimsSoThatAClaimSentBeforeTheUpgradeIsNotSentAgain() throws Exception {
        // a store as version 4 left it: claims without an identity, one SENT, one refused by the gateway, one
        // whose stored request cannot be read (it must not stop the upgrade)
        Flyway.configure().dataSource(db.url, db.user, db.password).locations("classpath:db/migration")
                .target("4").load().migrate();
        RequestJson json = new RequestJson();
        RetroAuthorizationRequest sent = TestRequests.full("C1", "PAYERA");
        RetroAuthorizationRequest refused = TestRequests.simple("C2", "PAYERA", LocalDate.of(2026, 11, 1));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into received_file (practice_id, file_name, size_bytes, sha256, original_sha256, received_at, outcome) "
                    + "values ('P1', 'old.csv', 10, '" + "d".repeat(64) + "', '" + "d".repeat(64) + "', "
                    + "timestamp with time zone '2026-11-15 10:00:00+00', 'PROCESSED')");
            try (PreparedStatement ins = c.prepareStatement("insert into claim (file_id, practice_id, practice_claim_id, payer_id, "
                    + "state, has_request, file_rows, received_at, updated_at, sent_at) values ((select id from received_file), 'P1', ?, "
                    + "'PAYERA', ?, true, '[2]', current_timestamp, current_timestamp, current_timestamp)");
                 PreparedStatement req = c.prepareStatement("insert into claim_request (claim_key, request_json) values "
                         + "((select id from claim where practice_claim_id = ?), ?)")) {
                List<Object[]> rows = new ArrayList<>(List.of(new Object[][] {{"C1", "SENT", json.write(sent)},
                        {"C2", "REJECTED_BY_GATEWAY", json.write(refused)}, {"C3", "SENT", "{\"claimId\": 3"}}));
                // more claims than one fetch and one update batch of the backfill
                for (int i = 0; i < 1100; i++) {
                    rows.add(new Object[] {"M" + i, "DENIED", json.write(TestRequests.simple("M" + i, "PAYERA", LocalDate.of(2026, 10, 1)))});
                }
                for (Object[] row : rows) {
                    ins.setString(1, (String) row[0]);
                    ins.setString(2, (String) row[1]);
                    ins.executeUpdate();
                    req.setString(1, (String) row[0]);
                    req.setString(2, (String) row[2]);
                    req.executeUpdate();
                }
            }
        }
        try (TransactionStore store = db.open()) {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select practice_claim_id, identity_sha256 from claim order by id")) {
                Map<String, String> identities = new TreeMap<>();
                while (rs.next()) {
                    identities.put(rs.getString(1), String.valueOf(rs.getString(2)));
                }
                assertEquals(1103, identities.size());
                assertEquals(ClaimIdentity.sha256("P1", sent), identities.get("C1"));
                assertEquals(ClaimIdentity.sha256("P1", refused), identities.get("C2"));
                assertEquals("null", identities.get("C3"), "its request cannot be read");
                for (int i = 0; i < 1100; i++) {
                    assertEquals(ClaimIdentity.sha256("P1", TestRequests.simple("M" + i, "PAYERA", LocalDate.of(2026, 10, 1))),
                            identities.get("M" + i), "M" + i);
                }
            }
            long fileId = store.recordReceivedFile("P1", "old-again.csv", 11, "e".repeat(64)).id();
            List<Long> keys = store.recordClaims(fileId, List.of(NewClaim.of(sent, List.of(2L)), NewClaim.of(refused, List.of(3L))));
            store.releaseFile(fileId);
            StoredClaim dup = new StoreInspection(store).find(keys.get(0)).orElseThrow();
            assertEquals(ClaimState.REJECTED_LOCALLY, dup.state());
            assertEquals("DUPLICATE_CLAIM", dup.reasons().get(0).code());
            assertTrue(dup.reasons().get(0).words().contains("already sent in 'old.csv' received 2026-11-15T10:00:00Z"),
                    dup.reasons().get(0).words());
            assertEquals(ClaimState.READY, new StoreInspection(store).find(keys.get(1)).orElseThrow().state(), "the gateway never took the earlier copy");
        }
    }

    @Test
    void theStateVocabularyIsEnforcedByTheSchema() throws Exception {
        try (TransactionStore store = db.open()) {
            long fileId = store.recordReceivedFile("P1", "a.csv", 10, "b".repeat(64)).id();
            long key = store.recordClaims(fileId, List.of(NewClaim.unmapped("C1", "PAYERA", List.of(2L)))).get(0);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                Assertions.assertThrows(SQLException.class,
                        () -> s.executeUpdate("update claim set state = 'OVERDUE' where id = " + key));
                // a claim without a canonical request cannot go on towards a payer
                Assertions.assertThrows(SQLException.class,
                        () -> s.executeUpdate("update claim set state = 'READY' where id = " + key));
            }
        }
    }
}
