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
                    "interchange", "received_file")), tables.toString());
            Map<String, Boolean> applied = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("select version, success from flyway_schema_history where version is not null")) {
                while (rs.next()) {
                    applied.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            assertEquals(Map.of("1", true, "2", true, "3", true), applied);
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
