package dev.countersign.e2e;

import static dev.countersign.e2e.Steps.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.local.Service;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.WebhookReceiver;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/proposals}: the same lifecycle as a Kafka proposal, and an invalid proposal answered 422. */
@ExtendWith(E2eStack.class)
class HttpIntakeIT {
    static KafkaTestClient kafka;
    static WebhookReceiver receiver;
    static List<KafkaTestClient.Received> validations;
    static List<KafkaTestClient.Received> executions;

    @BeforeAll
    static void setUp() {
        kafka = new KafkaTestClient(Steps.stack().kafkaBootstrapServers());
        validations = kafka.watch(Topics.VALIDATIONS);
        executions = kafka.watch(Topics.EXECUTIONS);
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        receiver.close();
    }

    private static io.restassured.specification.RequestSpecification proposals() {
        // a countersign-submitter of the tenant: what a chatbot backend submitting for its users holds
        return given().baseUri(Steps.stack().url(Service.PROPOSAL_SERVICE)).auth().oauth2(Steps.stack().tokens().submitter())
                .contentType(ContentType.JSON);
    }

    @Test
    void aProposalPostedOverHttpIsExecutedAndAuditedLikeOneFromKafka() {
        String action = Steps.uniqueAction();
        receiver.expectSecret(Steps.defineWebhookAction(action, receiver.url("/hooks/" + action)));
        String conversationId = "conv-" + UUID.randomUUID();
        Map<String, Object> body = Steps.proposal(action, conversationId, Map.of("order_number", "ORD-777"));

        String proposalId = proposals().body(body)
                .when().post("/v1/proposals")
                .then().statusCode(202)
                .extract().path("proposal_id");
        assertThat(proposalId).isNotBlank();

        KafkaTestClient.await(executions,
                r -> proposalId.equals(r.subject()) && EventTypes.EXECUTION_SUCCEEDED.equals(r.type()), PATIENCE);
        List<WebhookReceiver.Delivery> deliveries = Steps.deliveriesFor(receiver, proposalId);
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).signatureValid()).isTrue();
        JsonNode delivered = Steps.json(deliveries.get(0).body());
        assertThat(delivered.path("parameters").path("order_number").asText()).isEqualTo("ORD-777");
        assertThat(delivered.path("context").path("conversation_id").asText()).isEqualTo(conversationId);

        // HTTP intake publishes no proposal.submitted (only the proposal service's own topic): the log starts at accepted
        List<JsonNode> timeline = Steps.awaitTimeline(proposalId, 4);
        assertThat(Steps.types(timeline)).containsExactly(EventTypes.PROPOSAL_ACCEPTED, EventTypes.PROPOSAL_APPROVED,
                EventTypes.EXECUTION_ATTEMPTED, EventTypes.EXECUTION_SUCCEEDED);
        Steps.assertChained(timeline);
    }

    @Test
    void aProposalMissingARequiredParameterIsAnswered422AndRejectedOnTheTopic() {
        String action = Steps.uniqueAction();
        receiver.expectSecret(Steps.defineWebhookAction(action, receiver.url("/hooks/" + action)));
        String proposalId = UUID.randomUUID().toString();
        Map<String, Object> body = new java.util.LinkedHashMap<>(Steps.proposal(action, "conv-" + UUID.randomUUID(),
                Map.of()));
        body.put("proposal_id", proposalId);

        proposals().body(body)
                .when().post("/v1/proposals")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_parameters"))
                .body("errors.path", hasItem("parameters.order_number"))
                .body("errors.code", hasItem("required"));

        var rejected = KafkaTestClient.await(validations,
                r -> proposalId.equals(r.subject()) && EventTypes.PROPOSAL_REJECTED.equals(r.type()), PATIENCE);
        assertThat(rejected.json().path("code").asText()).isEqualTo("invalid_parameters");
        assertThat(rejected.json().path("proposal_id").asText()).isEqualTo(proposalId);
        assertThat(rejected.json().path("errors").findValuesAsText("path")).contains("parameters.order_number");
        assertThat(Steps.events(validations, proposalId, EventTypes.PROPOSAL_ACCEPTED)).isEmpty();
        assertThat(Steps.deliveriesFor(receiver, proposalId)).isEmpty();
    }
}
