package dev.countersign.approval;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.Approval;
import dev.countersign.contracts.actions.ApprovalRule;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.User;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;

/**
 * What proposal-service would publish on {@code countersign.validations}, for tests: accepted proposals with a
 * realistic snapshot, and ids that land on the same partitions as a given proposal, so that "nothing more
 * happened" can be asserted after a later marker was processed.
 */
public final class ValidationsFixture {
    public static final String ASSISTANT = "support-bot";
    public static final String ACTION = "refund_order";
    public static final int ACTION_VERSION = 3;
    public static final Map<String, Object> PARAMETERS = Map.of("order_number", "ORD-12345", "amount", 42,
            "notify", true);
    public static final User USER = new User("u-7", "ada@example.com", "Ada");
    /** The authenticated submitter proposal-service records in {@code submitted_by}. */
    public static final String SUBMITTED_BY = "submitter@acme";

    private ValidationsFixture() {
    }

    public static String newId() {
        return "p-" + UUID.randomUUID();
    }

    /** An accepted proposal of {@code tenant} in {@code mode} that expires at {@code expiresAt}. */
    public static ProposalAccepted accepted(String proposalId, String tenant, String mode, Instant expiresAt) {
        return accepted(proposalId, tenant, mode, expiresAt, PARAMETERS);
    }

    /** Like {@link #accepted(String, String, String, Instant)} with its own {@code parameters}. */
    public static ProposalAccepted accepted(String proposalId, String tenant, String mode, Instant expiresAt,
            Map<String, Object> parameters) {
        return accepted(proposalId, tenant, expiresAt, parameters, new Approval(mode, "end_user", 1, false, 60,
                List.of()));
    }

    /** The schema of the fixture's action: what approvers' edits are validated against. */
    public static final JsonNode SCHEMA = Json.mapper().createObjectNode()
            .put("type", "object")
            .put("additionalProperties", false)
            .<com.fasterxml.jackson.databind.node.ObjectNode>set("required",
                    Json.mapper().createArrayNode().add("order_number").add("amount"))
            .set("properties", Json.mapper().createObjectNode()
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("order_number",
                            Json.mapper().createObjectNode().put("type", "string").put("pattern", "^ORD-[0-9]+$"))
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("amount",
                            Json.mapper().createObjectNode().put("type", "number").put("maximum", 100000))
                    .set("notify", Json.mapper().createObjectNode().put("type", "boolean")));

    /** An accepted proposal under its own approval block (mode, approver, quorum, rules), with {@link #SCHEMA}. */
    public static ProposalAccepted accepted(String proposalId, String tenant, Instant expiresAt,
            Map<String, Object> parameters, Approval approval) {
        return new ProposalAccepted(proposalId, tenant, ASSISTANT, ACTION, parameters, "conv-" + proposalId, USER,
                "ai_intent", "the customer asked for a refund", ACTION_VERSION,
                approval == null ? null : approval.mode(), expiresAt,
                Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS), SUBMITTED_BY, approval, SCHEMA);
    }

    /** An approval block: {@code mode}, {@code approver}, {@code quorum}, {@code forbid_self_approval}, rules. */
    public static Approval approval(String mode, String approver, int quorum, boolean forbidSelf,
            ApprovalRule... rules) {
        return new Approval(mode, approver, quorum, forbidSelf, 60, List.of(rules));
    }

    /** Like {@link #accepted(String, String, Instant, Map, Approval)}, expiring in an hour. */
    public static ProposalAccepted accepted(String proposalId, String tenant, Map<String, Object> parameters,
            Approval approval) {
        return accepted(proposalId, tenant, Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS),
                parameters, approval);
    }

    /** Expires an hour from now. */
    public static ProposalAccepted accepted(String proposalId, String tenant, String mode) {
        return accepted(proposalId, tenant, mode, Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
    }

    /** Publishes {@code proposal} as proposal-service does: binary mode, key and subject the proposal id. */
    public static void send(KafkaTestClient kafka, String eventId, ProposalAccepted proposal) {
        kafka.sendBinary(Topics.VALIDATIONS, proposal.proposalId(), eventId, EventTypes.PROPOSAL_ACCEPTED,
                Sources.PROPOSAL_SERVICE, proposal.proposalId(), proposal);
    }

    /** Publishes {@code proposal} under a fresh event id. */
    public static String send(KafkaTestClient kafka, ProposalAccepted proposal) {
        String eventId = UUID.randomUUID().toString();
        send(kafka, eventId, proposal);
        return eventId;
    }

    /**
     * A new proposal id whose records go to the same partition as {@code proposalId}'s on both the validations
     * and the approvals topic (default partitioner: murmur2 of the key). Within a partition the service
     * applies, and the relay publishes, in order: once this marker's event is seen, every earlier record of
     * {@code proposalId} has been applied and any event it caused has been published before the marker's.
     */
    public static String sameRoute(String proposalId) {
        int validations = partitions(Topics.VALIDATIONS);
        int approvals = partitions(Topics.APPROVALS);
        while (true) {
            String candidate = newId();
            if (partition(candidate, validations) == partition(proposalId, validations)
                    && partition(candidate, approvals) == partition(proposalId, approvals)) {
                return candidate;
            }
        }
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    // A topic created moments ago may not be in the broker's metadata yet: ask until it is.
    private static int partitions(String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return Awaitility.await("partitions of " + topic).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                            .get(topic).partitions().size(), n -> n > 0);
        }
    }
}
