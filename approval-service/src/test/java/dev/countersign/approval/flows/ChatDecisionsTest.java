package dev.countersign.approval.flows;

import static dev.countersign.approval.Flows.approve;
import static dev.countersign.approval.Flows.awaitEvent;
import static dev.countersign.approval.Flows.chatDecision;
import static dev.countersign.approval.Flows.eventsOf;
import static dev.countersign.approval.Flows.propose;
import static dev.countersign.approval.Flows.read;
import static dev.countersign.approval.Flows.token;
import static dev.countersign.approval.Flows.uniqueTenant;
import static dev.countersign.approval.ValidationsFixture.approval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.approval.Flows;
import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.Actor;
import dev.countersign.contracts.events.DecisionSubmitted;
import dev.countersign.kit.messaging.TenantTopics;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decisions from the chat ({@code decision.submitted} on {@code countersign.decisions[.<tenant>]}) on the real
 * broker: checked exactly like REST ones, the tenant taken from the topic, refusals answered with
 * {@code decision.refused}, poison dead-lettered, and a chat decision racing a REST one deciding the proposal once.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class ChatDecisionsTest {
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> approvals;
    static List<KafkaTestClient.Received> deadLetters;

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        approvals = kafka.watch(Topics.APPROVALS);
        deadLetters = kafka.watch(Topics.dlq(Topics.DECISIONS));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String topicOf(String tenant) {
        return TenantTopics.topicOf(Topics.DECISIONS, tenant);
    }

    static KafkaTestClient.Received awaitRefusal(String id) {
        return awaitEvent(approvals, id, EventTypes.DECISION_REFUSED);
    }

    @Test
    void theEndUserApprovesFromTheChatOnTheTenantsTopic() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "end_user", 1, false)).proposalId();

        chatDecision(kafka, topicOf(tenant), null, id, "approve", new Actor(Flows.END_USER, null));

        JsonNode approved = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json();
        JsonNode decider = approved.path("decided_by").get(0);
        assertThat(decider.path("actor").asText()).isEqualTo(Flows.END_USER);
        assertThat(decider.path("channel").asText()).isEqualTo("chat");
        assertThat(decider.path("comment").asText()).isEqualTo("from the chat");
        read(tenant, id).body("status", equalTo("approved")).body("decisions[0].channel", equalTo("chat"));
    }

    @Test
    void theSharedTopicIsTrustedHereAndItsRecordsActForTheTenantTheyName() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "end_user", 1, false)).proposalId();

        chatDecision(kafka, Topics.DECISIONS, tenant, id, "deny", new Actor(Flows.END_USER, null));

        assertThat(awaitEvent(approvals, id, EventTypes.PROPOSAL_DENIED).json().path("reason").asText())
                .isEqualTo("from the chat");
    }

    @Test
    void aChatRoleIsNotBelievedByDefaultAndTheRefusalIsAnswered() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:approver", 1, false)).proposalId();

        String decisionId = chatDecision(kafka, topicOf(tenant), tenant, id, "approve",
                new Actor("approver@" + tenant, "approver"));

        JsonNode refused = awaitRefusal(id).json();
        assertThat(refused.path("code").asText()).isEqualTo("not_eligible");
        assertThat(refused.path("tenant").asText()).isEqualTo(tenant);
        assertThat(refused.path("proposal_id").asText()).isEqualTo(id);
        assertThat(refused.path("actor").path("id").asText()).isEqualTo("approver@" + tenant);
        assertThat(refused.path("decision_id").asText()).isEqualTo(decisionId);
        assertThat(refused.path("message").asText()).isNotBlank();
        read(tenant, id).body("status", equalTo("pending"));
    }

    @Test
    void aDecisionForAnotherTenantIsRefusedForbiddenToTheTopicsTenant() {
        String victim = uniqueTenant();
        String attacker = uniqueTenant();
        String id = propose(kafka, victim, approval("require_approval", "end_user", 1, false)).proposalId();

        chatDecision(kafka, topicOf(attacker), victim, id, "approve", new Actor(Flows.END_USER, null));

        JsonNode refused = awaitRefusal(id).json();
        assertThat(refused.path("code").asText()).isEqualTo("forbidden");
        assertThat(refused.path("tenant").asText()).isEqualTo(attacker);
        // Without naming the victim, the attacker's topic only reaches the attacker's own (non-existent) proposal.
        chatDecision(kafka, topicOf(attacker), null, id, "approve", new Actor(Flows.END_USER, null));
        KafkaTestClient.await(approvals, r -> id.equals(r.key()) && EventTypes.DECISION_REFUSED.equals(r.type())
                && "not_found".equals(r.json().path("code").asText()), Flows.WAIT);
        read(victim, id).body("status", equalTo("pending"));
    }

    @Test
    void poisonIsDeadLetteredAndTheConsumerKeepsWorking() {
        String tenant = uniqueTenant();
        String topic = topicOf(tenant);
        String garbage = "g-" + UUID.randomUUID();
        kafka.sendRaw(topic, garbage, "{not json", Map.of());
        String otherType = "o-" + UUID.randomUUID();
        kafka.sendBinary(topic, otherType, UUID.randomUUID().toString(), EventTypes.PROPOSAL_SUBMITTED, "/chat",
                otherType, Map.of("tenant", tenant));
        String noActor = "n-" + UUID.randomUUID();
        kafka.sendBinary(topic, noActor, UUID.randomUUID().toString(), EventTypes.DECISION_SUBMITTED, "/chat",
                noActor, new DecisionSubmitted(noActor, tenant, "approve", null, null));
        String unsure = "u-" + UUID.randomUUID();
        kafka.sendBinary(topic, unsure, UUID.randomUUID().toString(), EventTypes.DECISION_SUBMITTED, "/chat",
                unsure, new DecisionSubmitted(unsure, tenant, "maybe", new Actor("x", null), null));

        assertThat(awaitDeadLetter(garbage).header("dead-letter-reason")).contains("not a CloudEvent");
        assertThat(awaitDeadLetter(otherType).header("dead-letter-reason")).contains("unexpected event type");
        assertThat(awaitDeadLetter(noActor).header("dead-letter-reason")).contains("actor.id is missing");
        assertThat(awaitDeadLetter(unsure).header("dead-letter-reason")).contains("approve or deny");

        String id = propose(kafka, tenant, approval("require_approval", "end_user", 1, false)).proposalId();
        chatDecision(kafka, topic, tenant, id, "approve", new Actor(Flows.END_USER, null));
        awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED);
    }

    @Test
    void aChatDecisionAndARestOneRacingDecideTheProposalOnce() {
        for (int round = 0; round < 3; round++) {
            String tenant = uniqueTenant();
            String id = propose(kafka, tenant, approval("require_approval", "end_user", 1, false)).proposalId();

            chatDecision(kafka, topicOf(tenant), tenant, id, "approve", new Actor(Flows.END_USER, null));
            ValidatableResponse rest = approve(token(Flows.END_USER, tenant), id, Map.of());
            int status = rest.extract().statusCode();
            assertThat(status).isIn(200, 409);

            awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED);
            if (status == 200 && "approved".equals(rest.extract().path("status"))
                    && "rest".equals(rest.extract().path("decisions[0].channel"))) {
                // REST won: the chat decision is answered as already decided.
                assertThat(awaitRefusal(id).json().path("code").asText()).isEqualTo("already_decided");
            } else {
                assertThat(rest.extract().<String>path("code")).isEqualTo("already_decided");
            }
            String marker = ValidationsFixture.sameRoute(id);
            ValidationsFixture.send(kafka, ValidationsFixture.accepted(marker, tenant, "auto"));
            awaitEvent(approvals, marker, EventTypes.PROPOSAL_APPROVED);
            assertThat(eventsOf(approvals, id).stream().filter(r -> EventTypes.PROPOSAL_APPROVED.equals(r.type())))
                    .hasSize(1);
            read(tenant, id).body("decisions.size()", equalTo(1));
        }
    }

    @Test
    void theConfiguredSubscriptionIsTheKitsPattern() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(properties.getProperty("mp.messaging.incoming.decisions-in.topic"))
                .isEqualTo(TenantTopics.subscriptionPattern(Topics.DECISIONS));
        assertThat(properties.getProperty("mp.messaging.incoming.decisions-in.pattern")).isEqualTo("true");
    }

    static KafkaTestClient.Received awaitDeadLetter(String key) {
        return KafkaTestClient.await(deadLetters, r -> key.equals(r.key()), Flows.WAIT);
    }
}
