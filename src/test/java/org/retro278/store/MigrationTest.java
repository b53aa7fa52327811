package org.retro278.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
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
                    store.controlNumbers().peek());
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
            assertTrue(tables.containsAll(java.util.List.of("claim", "claim_event", "control_number", "flyway_schema_history",
                    "interchange", "received_file", "claim_request", "response_file", "unmatched_response")), tables.toString());
            Map<String, Boolean> applied = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("select version, success from flyway_schema_history where version is not null")) {
                while (rs.next()) {
                    applied.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            assertEquals(Map.of("1", true, "2", true, "3", true, "4", true), applied);
        }
    }

    @Test
    void reopeningAMigratedDatabaseKeepsItsData() throws Exception {
        long fileId;
        try (TransactionStore store = db.open()) {
            fileId = store.recordReceivedFile("P1", "a.csv", 10, "a".repeat(64)).id();
            store.controlNumbers().next(ControlNumberKind.INTERCHANGE);
        }
        try (TransactionStore store = db.open()) {
            assertEquals("a.csv", store.findFile(fileId).orElseThrow().fileName());
            assertEquals(2L, store.controlNumbers().peek().get(ControlNumberKind.INTERCHANGE));
        }
    }

    @Test
    void aVersion3DatabaseKeepsItsRequestsWhenTheyMoveToTheirOwnTable() throws Exception {
        // a store as version 3 left it: the request inside the claim row
        org.flywaydb.core.Flyway.configure().dataSource(db.url, db.user, db.password).locations("classpath:db/migration")
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
            try (java.sql.PreparedStatement ins = c.prepareStatement("insert into claim (file_id, practice_id, "
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
            java.util.List<StoredClaim> claims = store.claimsOfFile(fileId);
            assertEquals(2, claims.size());
            assertEquals(TestRequests.full("C1", "PAYERA"), store.request(claims.get(0).key()).orElseThrow());
            assertTrue(store.request(claims.get(1).key()).isEmpty());
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
    void theStateVocabularyIsEnforcedByTheSchema() throws Exception {
        try (TransactionStore store = db.open()) {
            long fileId = store.recordReceivedFile("P1", "a.csv", 10, "b".repeat(64)).id();
            long key = store.recordClaims(fileId, java.util.List.of(NewClaim.unmapped("C1", "PAYERA", java.util.List.of(2L)))).get(0);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> s.executeUpdate("update claim set state = 'OVERDUE' where id = " + key));
                // a claim without a canonical request cannot go on towards a payer
                org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                        () -> s.executeUpdate("update claim set state = 'READY' where id = " + key));
            }
        }
    }
}
