package dev.countersign.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Topics;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A consumer reading countersign.actions from scratch, last event per key, rebuilds the registry's state. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_registry_test"))
class CompactedTopicRebuildTest {

    record Head(int version, String status) {
    }

    static void define(String assistant, String name, String url) {
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"assistant": "%s", "name": "%s", "description": "An action used to test the compacted topic rebuild.",
             "execution": {"kind": "webhook", "url": "%s"}}""".formatted(assistant, name, url))
                .post("/v1/actions").then().statusCode(201);
    }

    @Test
    void lastEventPerKeyEqualsTheRegistryState() throws Exception {
        String assistant = "rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        define(assistant, "a", "https://hooks.example.com/a");
        define(assistant, "b", "https://hooks.example.com/b");
        define(assistant, "c", "https://hooks.example.com/c");
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"description": "An action used to test the compacted topic rebuild, second version.",
             "execution": {"kind": "webhook", "url": "https://hooks.example.com/a2"}}""")
                .put("/v1/actions/acme/" + assistant + "/a").then().statusCode(200);
        given().auth().oauth2(TestJwt.admin("acme")).delete("/v1/actions/acme/" + assistant + "/b").then().statusCode(204);

        Map<String, Head> expected = new HashMap<>();
        for (Map<String, Object> item : given().auth().oauth2(TestJwt.member("acme"))
                .get("/v1/actions?assistant=" + assistant).then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items")) {
            expected.put("acme/" + assistant + "/" + item.get("name"),
                    new Head((Integer) item.get("version"), (String) item.get("status")));
        }
        assertThat(expected).hasSize(3);

        try (var client = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
            List<KafkaTestClient.Received> records = client.watch(Topics.ACTIONS);
            Map<String, Head> rebuilt = new HashMap<>();
            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                rebuilt.clear();
                for (var r : records) {
                    if (r.key() == null || !r.key().startsWith("acme/" + assistant + "/")) {
                        continue;
                    }
                    JsonNode data = Json.mapper().readTree(r.value());
                    Head previous = rebuilt.get(r.key());
                    rebuilt.put(r.key(), EventTypes.ACTION_RETIRED.equals(r.type())
                            ? new Head(data.get("version").asInt(), "retired")
                            : new Head(data.get("version").asInt(), "active"));
                    assertThat(previous == null || previous.version() <= data.get("version").asInt()).isTrue();
                }
                assertThat(rebuilt).isEqualTo(expected);
            });
        }
    }

    @Test
    void theActionsTopicIsCompacted() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ACTIONS);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }
}
