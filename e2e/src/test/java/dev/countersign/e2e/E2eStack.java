package dev.countersign.e2e;

import dev.countersign.local.DatabaseServer;
import dev.countersign.local.LocalStack;
import dev.countersign.local.Service;
import dev.countersign.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole Countersign stack once per test run, shared by every end-to-end test class, and stops it
 * when the run ends. It never clashes with a local run: Kafka on 19092, services on 18081..18085, databases
 * {@code countersign_e2e_*} (recreated empty on the machine's PostgreSQL), everything else under
 * {@code e2e/target/e2e-stack}.
 */
public final class E2eStack implements BeforeAllCallback {
    public static final int KAFKA_PORT = 19092;
    public static final int SERVICE_PORT_BASE = 18081;
    public static final String DATABASE_PREFIX = "countersign_e2e_";

    private static LocalStack stack;
    private static RuntimeException startFailure;

    /** The running stack (started by the extension before the first test class). */
    public static synchronized LocalStack stack() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(E2eStack.class)");
        }
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // the root store closes what it holds (AutoCloseable) after the last test of the run
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(E2eStack.class.getName(), k -> new Running(start()), Running.class);
    }

    private static synchronized LocalStack start() {
        if (startFailure != null) {
            // one failed start is enough: the other test classes fail with the same cause at once
            throw startFailure;
        }
        try {
            return startOnce();
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static LocalStack startOnce() {
        Path repo = Path.of(System.getProperty("countersign.repo", "..")).toAbsolutePath().normalize();
        Path workDir = Path.of(System.getProperty("countersign.e2e.work-dir", "target/e2e-stack")).toAbsolutePath();
        // a fresh broker and fresh databases: no offsets, topics or rows from an earlier run
        deleteRecursively(workDir);
        for (Service s : Service.values()) {
            TestDatabases.recreate(DATABASE_PREFIX + s.shortName());
        }
        stack = LocalStack.builder()
                .repo(repo)
                .workDir(workDir)
                .kafkaPort(KAFKA_PORT)
                .servicePortBase(SERVICE_PORT_BASE)
                .database(new DatabaseServer(TestDatabases.host(), TestDatabases.port(),
                        TestDatabases.USER, TestDatabases.PASSWORD))
                .databasePrefix(DATABASE_PREFIX)
                // five JVMs starting at once on two busy cores
                .serviceReadyTimeout(Duration.ofSeconds(240))
                // after a kill -9 the dead executor's consumers hold their partitions until their session
                // expires; 10 s instead of Kafka's 45 s keeps the crash test short
                .jvmArg(Service.EXECUTOR_SERVICE, "-Dmp.messaging.incoming.approvals-in.session.timeout.ms=10000")
                .build();
        long t0 = System.nanoTime();
        stack.start();
        System.out.printf("e2e: stack ready in %.1f s (Kafka %.1f s); logs in %s%n",
                (System.nanoTime() - t0) / 1e9, stack.kafkaStartup().toMillis() / 1e3, stack.logsDir());
        return stack;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("could not clean " + dir, e);
        }
    }

    /** Holder the root store closes at the end of the run. */
    private record Running(LocalStack stack) implements AutoCloseable {
        @Override
        public void close() {
            stack.stop();
        }
    }
}
