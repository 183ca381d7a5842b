package dev.countersign.proposal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.ActionRetired;
import dev.countersign.proposal.domain.ActionState;
import dev.countersign.proposal.service.ActionReplicaService;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import io.quarkus.vertx.VertxContextSupport;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/** What the integration tests share: action definitions as the registry publishes them, and proposals. */
final class Fixtures {
    static final String TENANT = "acme";
    static final String ASSISTANT = "support-bot";
    static final String ASSISTANT_SOURCE = "/assistants/support-bot";
    static final Duration WAIT = Duration.ofSeconds(30);

    private Fixtures() {
    }

    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String key(String name) {
        return TENANT + "/" + ASSISTANT + "/" + name;
    }

    /** An action.published data as the registry writes it, with the compiled schema built here. */
    static ObjectNode definition(String name, int version, String approvalMode, Integer expiresInMinutes) {
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("tenant", TENANT).put("assistant", ASSISTANT).put("name", name).put("display_name", "Check order")
                .put("description", "Check the status of a customer order. Requires the order number.");
        ObjectNode approval = d.putObject("approval");
        if (approvalMode != null) {
            approval.put("mode", approvalMode);
        }
        if (expiresInMinutes != null) {
            approval.put("expires_in_minutes", expiresInMinutes);
        }
        d.putObject("execution").put("kind", "webhook").put("url", "https://hooks.example.com/cs");
        d.put("version", version).put("status", "active").put("created_at", "2026-01-01T00:00:00Z");
        ObjectNode schema = d.putObject("parameters_json_schema");
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("order_number").put("type", "string").put("pattern", "^ORD-[0-9]+$")
                .put("description", "Order number, e.g. ORD-12345");
        properties.putObject("quantity").put("type", "integer").put("minimum", 1).put("maximum", 10);
        schema.putArray("required").add("order_number");
        schema.put("additionalProperties", false);
        return d;
    }

    static void publish(KafkaTestClient kafka, ObjectNode definition) {
        String key = key(definition.path("name").asText());
        kafka.sendBinary(Topics.ACTIONS, key, UUID.randomUUID().toString(), EventTypes.ACTION_PUBLISHED,
                Sources.ACTION_REGISTRY, key, definition);
    }

    static void retire(KafkaTestClient kafka, String name, int version) {
        kafka.sendBinary(Topics.ACTIONS, key(name), UUID.randomUUID().toString(), EventTypes.ACTION_RETIRED,
                Sources.ACTION_REGISTRY, key(name), new ActionRetired(TENANT, ASSISTANT, name, version));
    }

    /**
     * Runs {@code work} on a Vert.x context (where Hibernate Reactive must run) and waits for its item: for tests,
     * which call services from a plain JUnit thread.
     */
    static <T> T onContext(Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the replica knows of {@code name} now, or null. */
    static ActionState current(ActionReplicaService replica, String name) {
        return onContext(() -> replica.current(TENANT, ASSISTANT, name));
    }

    /** Waits until the replica holds {@code name} at {@code version}, retired or not. */
    static void awaitReplica(ActionReplicaService replica, String name, int version, boolean retired) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            var current = current(replica, name);
            return current != null && current.latestVersion() == version && current.retired() == retired;
        });
    }

    /** Publishes an active action and waits until this service has replicated it. */
    static String activeAction(KafkaTestClient kafka, ActionReplicaService replica, String mode, Integer expires) {
        String name = unique("check");
        publish(kafka, definition(name, 1, mode, expires));
        awaitReplica(replica, name, 1, false);
        return name;
    }

    /** The data of a proposal of {@code action} with {@code parameters} (JSON object text). */
    static ObjectNode proposal(String action, String parameters) {
        try {
            ObjectNode p = Json.mapper().createObjectNode();
            p.put("tenant", TENANT).put("assistant", ASSISTANT).put("action", action);
            p.set("parameters", Json.mapper().readTree(parameters));
            p.put("conversation_id", "conv-1").put("trigger", "ai_intent").put("reason", "the user asked");
            p.putObject("user").put("id", "u-1").put("email", "u1@example.com");
            return p;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static KafkaTestClient.Received awaitOutcome(List<KafkaTestClient.Received> validations, String proposalId) {
        return KafkaTestClient.await(validations, r -> proposalId.equals(r.subject()), WAIT);
    }

    static long count(List<KafkaTestClient.Received> validations, String proposalId) {
        return validations.stream().filter(r -> proposalId.equals(r.subject())).count();
    }

    /**
     * A fresh proposal id whose validations event lands in the same partition as {@code proposalId}'s: once
     * it has arrived, every event committed for {@code proposalId} before it has arrived too.
     */
    static String markerIdAfter(String proposalId) {
        int partitions = partitions(Topics.VALIDATIONS);
        int target = partition(proposalId, partitions);
        while (true) {
            String candidate = UUID.randomUUID().toString();
            if (partition(candidate, partitions) == target) {
                return candidate;
            }
        }
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    private static int partitions(String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }
}
