package dev.countersign.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * The local Kafka broker: a separate JVM running {@code kafka.Kafka} in KRaft combined mode from this
 * program's own class path, with its data under the work directory so topics survive restarts.
 */
final class KafkaNode {
    private final KafkaConfig config;
    private final Path dir;
    private final ChildProcess process;
    private final String classpath;

    KafkaNode(KafkaConfig config, Path dir, Path logFile, Path pidFile, String classpath) {
        this.config = config;
        this.dir = dir;
        this.classpath = classpath;
        this.process = new ChildProcess("kafka", ChildProcess.javaCommand(jvmArgs(),
                List.of("kafka.Kafka", serverProperties().toString())), Map.of(), logFile, pidFile);
    }

    Path serverProperties() {
        return dir.resolve("server.properties");
    }

    ChildProcess process() {
        return process;
    }

    /** Writes the configuration, formats the storage on first use, and starts the broker (without waiting). */
    void start() throws IOException, InterruptedException {
        ChildProcess.killLeftover(pidFile(), serverProperties().toString());
        Files.createDirectories(config.dataDir());
        Files.writeString(serverProperties(), config.render());
        Files.writeString(dir.resolve("log4j2.properties"), KafkaConfig.log4j2());
        Files.writeString(dir.resolve("classpath.args"),
                "-cp \"" + classpath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n");
        if (!Files.exists(config.dataDir().resolve("meta.properties"))) {
            format();
        }
        process.start(true);
    }

    private Path pidFile() {
        return dir.resolve("kafka.pid");
    }

    private void format() throws IOException, InterruptedException {
        String clusterId = Uuid.randomUuid().toString();
        var cmd = ChildProcess.javaCommand(jvmArgs(), List.of("kafka.tools.StorageTool", "format",
                "--cluster-id", clusterId, "--config", serverProperties().toString(), "--standalone"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(process.logFile().toFile()));
        Files.createDirectories(process.logFile().getParent());
        Process format = pb.start();
        if (!format.waitFor(120, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new LocalStackException("formatting Kafka storage timed out; see " + process.logFile());
        }
        if (format.exitValue() != 0) {
            throw new LocalStackException("formatting Kafka storage failed (exit " + format.exitValue() + "); see "
                    + process.logFile() + "\n" + process.tail(20));
        }
    }

    /** Waits until the broker answers a describeCluster; fails early if its process exits. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // first the port, so the admin client does not log connection warnings while the JVM boots
        while (!acceptsConnections()) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw notReady(timeout);
            }
            Thread.sleep(200);
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(p)) {
            while (true) {
                checkAlive();
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    // not ready yet
                }
                if (System.nanoTime() > deadline) {
                    throw notReady(timeout);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Creates those of {@code topics} that do not exist yet, with the broker's default partitions and replication;
     * returns the ones it created.
     */
    List<String> createMissingTopics(Collection<String> topics) throws InterruptedException {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).distinct().toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing.stream().map(t -> new NewTopic(t, Optional.empty(), Optional.empty()))
                        .toList()).all().get(30, TimeUnit.SECONDS);
                // the controller answers once it committed them; the broker's metadata, which consumers read, may
                // lag a moment, and a pattern subscription that misses them waits for its next refresh
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).containsAll(missing)) {
                    if (System.nanoTime() > deadline) {
                        throw new LocalStackException("the broker did not list the new topics " + missing
                                + " within 30 s; see " + process.logFile());
                    }
                    Thread.sleep(100);
                }
            }
            return missing;
        } catch (ExecutionException | TimeoutException e) {
            throw new LocalStackException("could not create the topics " + topics + ": " + e.getMessage(), e);
        }
    }

    private boolean acceptsConnections() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", config.port()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new LocalStackException("Kafka exited (code " + process.process().exitValue() + "); see "
                    + process.logFile() + "\n" + process.tail(20));
        }
    }

    private LocalStackException notReady(Duration timeout) {
        return new LocalStackException("Kafka was not ready within " + timeout.toSeconds() + " s; see "
                + process.logFile());
    }

    void stop() {
        // a clean shutdown keeps the next start fast (no log recovery)
        process.stop(Duration.ofSeconds(30));
    }

    private List<String> jvmArgs() {
        return List.of("-Xmx512m", "-Xms128m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri(),
                // the class path may hold more than one SLF4J provider (e.g. in tests); pick log4j2's
                "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider",
                // an argument file: a test class path can exceed the kernel's 128 KB limit for one argument
                "@" + dir.resolve("classpath.args"));
    }
}
