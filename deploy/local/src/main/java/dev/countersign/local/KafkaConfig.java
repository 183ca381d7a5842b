package dev.countersign.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code server.properties} of the local broker: one KRaft node that is broker and controller at once,
 * listening on 127.0.0.1 only, with replication factors of 1 so a single node is a complete cluster.
 */
public record KafkaConfig(int port, int controllerPort, Path dataDir) {

    /** The address clients use. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The settings, in the order they are written. */
    public Map<String, String> settings() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // a dynamic single-voter quorum, formatted with --standalone (the Kafka 4 way)
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // consumers join at once instead of waiting 3 s for more members: faster service starts
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** The file content. */
    public String render() {
        StringBuilder out = new StringBuilder("# Written by countersign-local on every start; edits are overwritten.\n");
        settings().forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
        return out.toString();
    }

    /** A log4j2 configuration that writes the broker's log to its standard output (which goes to a file). */
    static String log4j2() {
        return """
                status = error
                name = countersign-local-kafka
                appender.out.type = Console
                appender.out.name = OUT
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = INFO
                rootLogger.appenderRef.out.ref = OUT
                logger.statechange.name = state.change.logger
                logger.statechange.level = WARN
                logger.request.name = kafka.request.logger
                logger.request.level = WARN
                """;
    }

    private static String escape(String value) {
        // java.util.Properties treats backslashes as escapes (Windows paths)
        return value.replace("\\", "\\\\");
    }
}
