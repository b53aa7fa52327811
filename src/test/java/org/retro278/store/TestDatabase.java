package org.retro278.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.retro278.testing.Needs;

/**
 * A fresh database for one test: an H2 file under the test's temporary folder, or a new, uniquely named
 * schema in the PostgreSQL test database (dropped afterwards). PostgreSQL comes from
 * {@code RETRO278_TEST_PG_URL} / {@code _USER} / {@code _PASSWORD} (system property or environment;
 * default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}); when no server answers
 * the PostgreSQL variants are skipped, unless {@code RETRO278_TEST_PG_REQUIRED=true}, which makes them fail.
 */
public final class TestDatabase implements AutoCloseable {

    public enum Engine {
        H2, POSTGRESQL
    }

    static final String PG_URL = setting("RETRO278_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = setting("RETRO278_TEST_PG_USER", "postgres");
    static final String PG_PASSWORD = setting("RETRO278_TEST_PG_PASSWORD", "");
    static final boolean PG_REQUIRED = Boolean.parseBoolean(setting("RETRO278_TEST_PG_REQUIRED", "false"));

    final Engine engine;
    final String url;
    final String user;
    final String password;
    private final String schema;

    private TestDatabase(Engine engine, String url, String user, String password, String schema) {
        this.engine = engine;
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    public static TestDatabase create(Engine engine, Path dir) throws SQLException {
        if (engine == Engine.H2) {
            return new TestDatabase(engine, TransactionStore.h2Url(dir), "sa", "", null);
        }
        if (PG_REQUIRED) {
            Assertions.assertTrue(PostgresProbe.ANSWERS, "RETRO278_TEST_PG_REQUIRED is set but no PostgreSQL answers at " + PG_URL);
        }
        Needs.need(PostgresProbe.ANSWERS, "no PostgreSQL server answers at " + PG_URL,
                "start one (.ci/postgres.sh prints its URL) and set RETRO278_TEST_PG_URL");
        String schema = "retro278_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        String url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new TestDatabase(engine, url, PG_USER, PG_PASSWORD, schema);
    }

    /** The JDBC URL with the user and password in it, for a store opened by URL alone (the adapter's setting). */
    public String urlWithCredentials() {
        if (engine == Engine.H2) {
            return url;
        }
        return url + "&user=" + user + (password.isEmpty() ? "" : "&password=" + password);
    }

    /** The PostgreSQL schema of this database, or {@code null} for H2. */
    public String schema() {
        return schema;
    }

    TransactionStore open(Clock clock) {
        return TransactionStore.open(url, user, password, clock);
    }

    TransactionStore open() {
        return TransactionStore.open(url, user, password);
    }

    /** A plain connection (auto-commit) for checks behind the store's back. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public void close() throws SQLException {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            }
        }
    }

    private static String setting(String name, String otherwise) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            v = System.getenv(name);
        }
        return v == null || v.isBlank() ? otherwise : v;
    }

    /** Asked once per test JVM. */
    private static final class PostgresProbe {
        static final boolean ANSWERS = probe();

        private static boolean probe() {
            Properties p = new Properties();
            p.setProperty("user", PG_USER);
            p.setProperty("password", PG_PASSWORD);
            p.setProperty("connectTimeout", "3");
            p.setProperty("loginTimeout", "5");
            try (Connection c = DriverManager.getConnection(PG_URL, p)) {
                return c.isValid(3);
            } catch (SQLException e) {
                return false;
            }
        }
    }
}
