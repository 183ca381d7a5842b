package dev.countersign.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real broker and the embedded PostgreSQL, started, used, stopped and started again (no services). */
class LocalStackTest {
    private static final int KAFKA_PORT = 29092;
    private static final int PG_PORT = 25433;

    @TempDir
    Path dir;

    private LocalStack.Builder infraOnly() {
        return LocalStack.builder().repo(dir).workDir(dir.resolve("work")).services(List.of())
                .kafkaPort(KAFKA_PORT).embeddedPostgresPort(PG_PORT).databasePrefix("cslocal_test_").verbose(false);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Admin admin(LocalStack stack) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        return Admin.create(p);
    }

    @Test
    void startsKafkaAndPostgresKeepsTheirDataAndStopsThemCleanly() throws Exception {
        LocalStack stack = infraOnly().build();
        String publicKey;
        String linksSecret;
        try {
            stack.start();

            // only the executor gets the service credential that can read signing secrets
            assertThat(stack.environment(Service.EXECUTOR_SERVICE)).containsKeys("COUNTERSIGN_REGISTRY_TOKEN",
                    "COUNTERSIGN_REGISTRY_URL");
            for (Service other : Set.of(Service.ACTION_REGISTRY, Service.PROPOSAL_SERVICE, Service.APPROVAL_SERVICE,
                    Service.AUDIT_SERVICE)) {
                assertThat(stack.environment(other)).doesNotContainKey("COUNTERSIGN_REGISTRY_TOKEN");
            }
            assertThat(stack.environment(Service.ACTION_REGISTRY)).containsKey("COUNTERSIGN_REGISTRY_MASTER_KEYS");

            // the local run trusts the shared inbound topics; only their two readers are told so
            for (Service reader : Set.of(Service.PROPOSAL_SERVICE, Service.APPROVAL_SERVICE)) {
                assertThat(stack.environment(reader)).containsEntry("COUNTERSIGN_INBOUND_TRUST_SHARED_TOPICS", "true");
            }
            for (Service other : Set.of(Service.ACTION_REGISTRY, Service.EXECUTOR_SERVICE, Service.AUDIT_SERVICE)) {
                assertThat(stack.environment(other)).doesNotContainKeys("COUNTERSIGN_INBOUND_TRUST_SHARED_TOPICS",
                        "COUNTERSIGN_APPROVAL_LINKS_SECRET");
            }
            var approval = stack.environment(Service.APPROVAL_SERVICE);
            assertThat(approval).containsEntry("COUNTERSIGN_APPROVAL_PUBLIC_URL", "http://localhost:8083");
            linksSecret = approval.get("COUNTERSIGN_APPROVAL_LINKS_SECRET");
            assertThat(java.util.Base64.getDecoder().decode(linksSecret)).hasSize(32);
            assertThat(Files.readString(stack.tokensFile())).contains("export INBOX_URL='http://localhost:8083/'");

            try (Admin admin = admin(stack)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .as("inbound topics exist before any pattern subscription starts")
                        .contains("countersign.proposals", "countersign.decisions", "countersign.proposals.acme",
                                "countersign.decisions.acme");
                admin.createTopics(List.of(new NewTopic("local-stack-test", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                // the broker lists a new topic a moment after the controller created it
                Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("local-stack-test"));
            }
            for (Service s : Service.values()) {
                var db = stack.database();
                try (var c = DriverManager.getConnection(db.jdbcUrl(stack.databaseName(s)), db.user(), db.password());
                        var rs = c.createStatement().executeQuery("SELECT current_database()")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("cslocal_test_" + s.shortName());
                }
            }
            assertThat(Files.readString(stack.tokensFile())).contains("export ADMIN_TOKEN=" + stack.tokens().admin());
            publicKey = Files.readString(stack.jwt().publicKeyFile());
        } finally {
            stack.stop();
        }
        assertThat(accepts(KAFKA_PORT)).as("Kafka stopped").isFalse();
        assertThat(accepts(PG_PORT)).as("PostgreSQL stopped").isFalse();
        assertThat(dir.resolve("work/kafka/kafka.pid")).doesNotExist();

        LocalStack again = infraOnly().build();
        try {
            again.start();
            try (Admin admin = admin(again)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("topics survive a restart")
                        .contains("local-stack-test");
            }
            assertThat(Files.readString(again.jwt().publicKeyFile())).as("the key pair is reused").isEqualTo(publicKey);
            assertThat(again.environment(Service.APPROVAL_SERVICE).get("COUNTERSIGN_APPROVAL_LINKS_SECRET"))
                    .as("links sent before a restart still verify").isEqualTo(linksSecret);
        } finally {
            again.stop();
        }
    }

    @Test
    void aMissingServiceJarIsReportedWithTheBuildCommandBeforeAnythingStarts() {
        LocalStack stack = infraOnly().services(Set.of(Service.ACTION_REGISTRY)).build();

        assertThatThrownBy(stack::start).isInstanceOf(LocalStackException.class)
                .hasMessageContaining("action-registry/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("run ./mvnw -B install -DskipTests first");
        assertThat(dir.resolve("work/kafka")).doesNotExist();
    }

    @Test
    void aTakenPortIsReportedInsteadOfStartingASecondStack() throws Exception {
        try (ServerSocket taken = new ServerSocket(KAFKA_PORT + 100, 1, InetAddress.getByName("127.0.0.1"))) {
            LocalStack stack = infraOnly().kafkaPort(KAFKA_PORT + 100).build();

            assertThatThrownBy(stack::start).isInstanceOf(LocalStackException.class)
                    .hasMessageContaining("port " + (KAFKA_PORT + 100) + " for Kafka is in use");
        }
    }
}
