package dev.countersign.e2e;

import static dev.countersign.e2e.Steps.ASSISTANT;
import static dev.countersign.e2e.Steps.PATIENCE;
import static dev.countersign.e2e.Steps.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.WebhookReceiver;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README walkthrough across all five services: define an auto-approved webhook action, publish a proposal
 * on Kafka as a chatbot backend would, and see one signed delivery, the outcome event and the audit trail.
 */
@ExtendWith(E2eStack.class)
class WalkthroughIT {
    static KafkaTestClient kafka;
    static WebhookReceiver receiver;

    @BeforeAll
    static void setUp() {
        kafka = new KafkaTestClient(Steps.stack().kafkaBootstrapServers());
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        receiver.close();
    }

    @Test
    void aProposalPublishedOnKafkaIsApprovedDeliveredOnceSignedAndAudited() throws Exception {
        String action = Steps.uniqueAction();
        String secret = Steps.defineWebhookAction(action, receiver.url("/hooks/" + action));
        assertThat(secret).startsWith("whsec_");
        receiver.expectSecret(secret);
        List<KafkaTestClient.Received> executions = kafka.watch(Topics.EXECUTIONS);

        String proposalId = UUID.randomUUID().toString();
        String conversationId = "conv-" + UUID.randomUUID();
        kafka.sendBinary(Topics.PROPOSALS, conversationId, proposalId, EventTypes.PROPOSAL_SUBMITTED,
                "/e2e/support-bot", null, Steps.proposal(action, conversationId, Map.of("order_number", "ORD-12345")));

        var succeeded = KafkaTestClient.await(executions,
                r -> proposalId.equals(r.subject()) && EventTypes.EXECUTION_SUCCEEDED.equals(r.type()), PATIENCE);
        assertThat(succeeded.json().path("proposal_id").asText()).isEqualTo(proposalId);
        assertThat(succeeded.json().path("tenant").asText()).isEqualTo(TENANT);
        assertThat(succeeded.header("ce_source")).isEqualTo("/countersign/executor-service");

        // exactly one delivery, signed with the action's secret (checked by the Standard Webhooks library)
        List<WebhookReceiver.Delivery> deliveries = Steps.deliveriesFor(receiver, proposalId);
        assertThat(deliveries).hasSize(1);
        WebhookReceiver.Delivery delivery = deliveries.get(0);
        assertThat(delivery.signatureValid()).isTrue();
        assertThat(delivery.header("webhook-id")).isNotBlank();
        assertThat(delivery.header("webhook-timestamp")).matches("[0-9]+");
        assertThat(delivery.header("webhook-signature")).startsWith("v1,");
        assertThat(Steps.v1aVerifies(delivery, Steps.publicKey(action))).isTrue();
        assertThat(delivery.header("content-type")).startsWith("application/json");
        assertThat(delivery.header("user-agent")).startsWith("Countersign/");

        // the DESIGN §5 body
        JsonNode body = Steps.json(delivery.body());
        assertThat(body.path("type").asText()).isEqualTo("action.execute");
        assertThat(body.path("proposal_id").asText()).isEqualTo(proposalId);
        assertThat(body.path("action").asText()).isEqualTo(action);
        assertThat(body.path("action_version").asInt()).isEqualTo(1);
        assertThat(body.path("parameters").path("order_number").asText()).isEqualTo("ORD-12345");
        assertThat(body.path("timestamp").asText()).isNotBlank();
        JsonNode context = body.path("context");
        assertThat(context.path("tenant").asText()).isEqualTo(TENANT);
        assertThat(context.path("assistant").asText()).isEqualTo(ASSISTANT);
        assertThat(context.path("conversation_id").asText()).isEqualTo(conversationId);
        assertThat(context.path("user").path("id").asText()).isEqualTo("customer-42");
        assertThat(context.path("decided_by").isArray()).isTrue();
        assertThat(context.path("decided_by")).isNotEmpty();
        assertThat(context.path("decided_by").get(0).path("channel").asText()).isEqualTo("auto");
        // the approval receipt, signed with the body: the policy decided, bound to exactly this call
        JsonNode receipt = context.path("approval");
        assertThat(receipt.path("mode").asText()).isEqualTo("auto");
        assertThat(receipt.path("digest").asText()).isEqualTo(Steps.canonicalSha256(Steps.json("{\"action\": "
                + body.path("action") + ", \"action_version\": " + body.path("action_version") + ", \"parameters\": "
                + body.path("parameters") + "}")));
        assertThat(receipt.path("decided_by").get(0).path("channel").asText()).isEqualTo("auto");

        // the whole lifecycle in the audit log, in order, hash-chained
        List<JsonNode> timeline = Steps.awaitTimeline(proposalId, 5);
        assertThat(Steps.types(timeline)).containsExactly(EventTypes.PROPOSAL_SUBMITTED, EventTypes.PROPOSAL_ACCEPTED,
                EventTypes.PROPOSAL_APPROVED, EventTypes.EXECUTION_ATTEMPTED, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(timeline.get(0).path("event_id").asText()).isEqualTo(proposalId);
        assertThat(timeline).allSatisfy(e -> assertThat(e.path("tenant").asText()).isEqualTo(TENANT));
        Steps.assertChained(timeline);
        assertThat(Steps.events(executions, proposalId, EventTypes.EXECUTION_FAILED)).isEmpty();
    }
}
