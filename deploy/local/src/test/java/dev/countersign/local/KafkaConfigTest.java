package dev.countersign.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    private static Properties parse(KafkaConfig config) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(config.render()));
        return p;
    }

    @Test
    void isASingleKraftNodeThatIsBrokerAndController() throws Exception {
        Properties p = parse(new KafkaConfig(19092, 20092, Path.of("/tmp/kafka-data")));

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("node.id")).isEqualTo("1");
        assertThat(p.getProperty("controller.listener.names")).isEqualTo("CONTROLLER");
        assertThat(p.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:20092");
        assertThat(p.getProperty("log.dirs")).isEqualTo(Path.of("/tmp/kafka-data").toAbsolutePath().toString());
        // one node is the whole cluster: internal topics must not ask for three replicas
        assertThat(p.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(p.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        assertThat(p.getProperty("num.partitions")).isEqualTo("3");
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        Properties p = parse(new KafkaConfig(9092, 10092, Path.of("data")));

        assertThat(p.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:10092");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
        assertThat(p.values()).noneMatch(v -> v.toString().contains("0.0.0.0"));
        assertThat(new KafkaConfig(9092, 10092, Path.of("data")).bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void aDataPathWithBackslashesSurvivesPropertiesEscaping() throws Exception {
        Path odd = Path.of("/tmp/a\\b");
        assertThat(parse(new KafkaConfig(1, 2, odd)).getProperty("log.dirs")).isEqualTo(odd.toAbsolutePath().toString());
    }

    @Test
    void theClassPathGivenToTheBrokerHoldsTheBrokerItself() {
        // Surefire and java -jar hide the real entries behind a manifest; the broker JVM needs them expanded
        assertThat(Classpath.current()).contains("kafka_2.13").contains("log4j-core");
    }
}
