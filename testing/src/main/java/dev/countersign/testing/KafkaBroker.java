package dev.countersign.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Apache Kafka (KRaft, combined broker and controller) per JVM, started on first use from Kafka's
 * own test kit: no Docker, ready in seconds. Shared by every test of the JVM and stopped at exit.
 */
public final class KafkaBroker {
    private static KafkaClusterTestKit cluster;

    private KafkaBroker() {
    }

    /** Starts the broker if needed and returns its bootstrap servers. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-test-broker-stop"));
        }
        return cluster.bootstrapServers();
    }

    private static KafkaClusterTestKit start() {
        // The broker lives inside the test JVM: its fatal paths (Exit.exit/halt, e.g. a log dir vanishing while
        // the JVM shuts down) must not decide the test JVM's exit code, which Surefire reads as a crashed fork.
        Exit.Procedure report = (code, message) -> System.err.println("embedded Kafka wanted to exit with " + code
                + (message == null ? "" : ": " + message) + " (ignored in tests)");
        Exit.setExitProcedure(report);
        Exit.setHaltProcedure(report);
        try {
            var nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                    .setNumControllerNodes(1).build();
            var kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test Kafka broker", e);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // the JVM is exiting; a half-closed broker leaves only temp files behind
            }
            cluster = null;
        }
    }
}
