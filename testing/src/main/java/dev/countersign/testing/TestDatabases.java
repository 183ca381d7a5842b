package dev.countersign.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL tests use: 127.0.0.1:5432 as user postgres by default, overridable with
 * {@code COUNTERSIGN_TEST_PG_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD}. Each test run gets fresh
 * databases, created here.
 */
public final class TestDatabases {
    public static final String HOST = env("COUNTERSIGN_TEST_PG_HOST", "127.0.0.1");
    public static final String PORT = env("COUNTERSIGN_TEST_PG_PORT", "5432");
    public static final String USER = env("COUNTERSIGN_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("COUNTERSIGN_TEST_PG_PASSWORD", "");

    private TestDatabases() {
    }

    /** Drops (if present) and creates {@code name}, so a test run starts from an empty schema. */
    public static void recreate(String name) {
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("database name must be [a-z0-9_]+: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + HOST + ":" + PORT + " is not reachable as " + USER
                    + " (start it, or set COUNTERSIGN_TEST_PG_*): " + e.getMessage(), e);
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
