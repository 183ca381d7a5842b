package dev.countersign.approval.messaging;

import static dev.countersign.approval.ValidationsFixture.accepted;
import static dev.countersign.approval.ValidationsFixture.newId;
import static dev.countersign.approval.ValidationsFixture.sameRoute;
import static dev.countersign.approval.ValidationsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalRejected;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * proposal.accepted in, approval events out, through the real broker and database: what each approval mode
 * publishes, that a proposal is decided once however often it arrives, and that poison is dead-lettered
 * without stopping the consumer.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class ValidationsIntakeTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> approvals;
    static List<KafkaTestClient.Received> deadLetters;

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        approvals = kafka.watch(Topics.APPROVALS);
        deadLetters = kafka.watch(Topics.dlq(Topics.VALIDATIONS));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static KafkaTestClient.Received awaitEvent(String proposalId, String type) {
        return KafkaTestClient.await(approvals, r -> proposalId.equals(r.key()) && type.equals(r.type()), WAIT);
    }

    static List<KafkaTestClient.Received> eventsOf(String proposalId) {
        return approvals.stream().filter(r -> proposalId.equals(r.key())).toList();
    }

    /** Sends an auto proposal routed like {@code proposalId} and waits for its approval: {@code proposalId}'s
     *  earlier records are then applied and anything they published has arrived. */
    static void awaitMarkerAfter(String proposalId) {
        String marker = sameRoute(proposalId);
        send(kafka, accepted(marker, "acme", "auto"));
        awaitEvent(marker, EventTypes.PROPOSAL_APPROVED);
    }

    @Test
    void autoApprovesOnceWithTheSnapshotAsABinaryCloudEventKeyedByTheProposal() {
        String id = newId();
        String acceptedEventId = send(kafka, accepted(id, "acme", "auto"));

        var event = awaitEvent(id, EventTypes.PROPOSAL_APPROVED);
        assertThat(event.subject()).isEqualTo(id);
        assertThat(event.header("ce_source")).isEqualTo(Sources.APPROVAL_SERVICE);
        assertThat(event.header("ce_specversion")).isEqualTo("1.0");
        assertThat(event.id()).isNotBlank().isNotEqualTo(acceptedEventId);
        JsonNode data = event.json();
        assertThat(data.path("proposal_id").asText()).isEqualTo(id);
        assertThat(data.path("tenant").asText()).isEqualTo("acme");
        assertThat(data.path("assistant").asText()).isEqualTo(ValidationsFixture.ASSISTANT);
        assertThat(data.path("action").asText()).isEqualTo(ValidationsFixture.ACTION);
        assertThat(data.path("action_version").asInt()).isEqualTo(ValidationsFixture.ACTION_VERSION);
        assertThat(data.path("auto").asBoolean()).isTrue();
        assertThat(Json.mapper().convertValue(data.path("parameters"), Map.class))
                .isEqualTo(ValidationsFixture.PARAMETERS);
        assertThat(data.path("decided_by")).hasSize(1);
        assertThat(data.path("decided_by").get(0).path("actor").asText()).isEqualTo("countersign");
        assertThat(data.path("decided_by").get(0).path("channel").asText()).isEqualTo("auto");
        assertThat(Instant.parse(data.path("decided_by").get(0).path("at").asText())).isBefore(Instant.now());
        assertThat(data.path("conversation_id").asText()).isEqualTo("conv-" + id);
        assertThat(data.path("user").path("id").asText()).isEqualTo(ValidationsFixture.USER.id());
        assertThat(data.path("trigger").asText()).isEqualTo("ai_intent");
        assertThat(eventsOf(id)).hasSize(1);
    }

    @Test
    void aRedeliveredOrRepeatedAcceptanceDoesNotApproveAgain() {
        String id = newId();
        ProposalAccepted proposal = accepted(id, "acme", "auto");
        String eventId = UUID.randomUUID().toString();
        send(kafka, eventId, proposal);
        send(kafka, eventId, proposal);                          // the broker redelivers the same event
        send(kafka, UUID.randomUUID().toString(), proposal);     // the producer repeats it under a new id

        awaitMarkerAfter(id);

        assertThat(eventsOf(id)).extracting(KafkaTestClient.Received::type)
                .containsExactly(EventTypes.PROPOSAL_APPROVED);
    }

    @Test
    void requireApprovalRequestsOneEndUserConfirmationAndApprovesNothing() {
        String id = newId();
        ProposalAccepted proposal = accepted(id, "acme", "require_approval");
        send(kafka, proposal);

        JsonNode data = awaitEvent(id, EventTypes.APPROVAL_REQUESTED).json();
        assertThat(data.path("proposal_id").asText()).isEqualTo(id);
        assertThat(data.path("tenant").asText()).isEqualTo("acme");
        assertThat(data.path("required").path("end_user").asBoolean()).isTrue();
        assertThat(data.path("required").path("quorum").asInt()).isEqualTo(1);
        assertThat(data.path("required").has("role")).isFalse();
        assertThat(Instant.parse(data.path("expires_at").asText())).isEqualTo(proposal.expiresAt());
        assertThat(data.has("dry_run")).isFalse();
        assertThat(data.path("digest").asText()).matches("[0-9a-f]{64}");
        assertThat(data.path("required").path("approver").asText()).isEqualTo("end_user");

        awaitMarkerAfter(id);
        assertThat(eventsOf(id)).extracting(KafkaTestClient.Received::type)
                .containsExactly(EventTypes.APPROVAL_REQUESTED);
    }

    @Test
    void dryRunFirstAsksForADryRunBeforeAnyoneIsAsked() {
        String id = newId();
        send(kafka, accepted(id, "acme", "dry_run_first"));

        JsonNode data = awaitEvent(id, EventTypes.DRYRUN_REQUESTED).json();
        assertThat(data.path("parameters_digest").asText()).matches("[0-9a-f]{64}");
        assertThat(data.path("action").asText()).isEqualTo(ValidationsFixture.ACTION);
        awaitMarkerAfter(id);
        assertThat(eventsOf(id)).extracting(KafkaTestClient.Received::type)
                .containsExactly(EventTypes.DRYRUN_REQUESTED);
    }

    @Test
    void aProposalWhoseDeadlinePassedExpiresInsteadOfBeingApproved() {
        String id = newId();
        Instant deadline = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        send(kafka, accepted(id, "acme", "auto", deadline));

        JsonNode data = awaitEvent(id, EventTypes.PROPOSAL_EXPIRED).json();
        assertThat(data.path("proposal_id").asText()).isEqualTo(id);
        assertThat(data.path("tenant").asText()).isEqualTo("acme");
        assertThat(Instant.parse(data.path("expired_at").asText())).isEqualTo(deadline);

        awaitMarkerAfter(id);
        assertThat(eventsOf(id)).extracting(KafkaTestClient.Received::type)
                .containsExactly(EventTypes.PROPOSAL_EXPIRED);
    }

    @Test
    void aRejectedProposalIsAcknowledgedAndPublishesNothing() {
        String id = newId();
        kafka.sendBinary(Topics.VALIDATIONS, id, UUID.randomUUID().toString(), EventTypes.PROPOSAL_REJECTED,
                Sources.PROPOSAL_SERVICE, id, new ProposalRejected(id, "acme", ValidationsFixture.ASSISTANT,
                        ValidationsFixture.ACTION, "conv-1", "invalid_parameters", "The order number is invalid.",
                        List.of(), null, "topic:" + Topics.PROPOSALS));

        awaitMarkerAfter(id);
        assertThat(eventsOf(id)).isEmpty();
        assertThat(deadLetters).noneMatch(r -> id.equals(r.key()));
    }

    @Test
    void aStructuredModeAcceptanceIsAppliedToo() {
        String id = newId();
        kafka.sendStructured(Topics.VALIDATIONS, id, UUID.randomUUID().toString(), EventTypes.PROPOSAL_ACCEPTED,
                Sources.PROPOSAL_SERVICE, accepted(id, "acme", "auto"));

        assertThat(awaitEvent(id, EventTypes.PROPOSAL_APPROVED).json().path("auto").asBoolean()).isTrue();
    }

    @Test
    void poisonIsDeadLetteredWithItsReasonAndTheConsumerKeepsWorking() {
        String garbage = newId();
        kafka.sendRaw(Topics.VALIDATIONS, garbage, "{not json at all", Map.of());
        String unknownType = newId();
        kafka.sendBinary(Topics.VALIDATIONS, unknownType, UUID.randomUUID().toString(), "dev.countersign.bogus",
                Sources.PROPOSAL_SERVICE, unknownType, Map.of("proposal_id", unknownType));
        String incomplete = newId();
        ProposalAccepted noMode = accepted(incomplete, "acme", null);
        send(kafka, noMode);

        assertThat(awaitDeadLetter(garbage).header("dead-letter-reason")).contains("not a CloudEvent");
        assertThat(awaitDeadLetter(unknownType).header("dead-letter-reason"))
                .contains("unexpected event type 'dev.countersign.bogus'");
        assertThat(awaitDeadLetter(incomplete).header("dead-letter-reason")).contains("approval_mode is missing");
        assertThat(awaitDeadLetter(garbage).value()).isEqualTo("{not json at all");

        // Routed like the garbage, so it is applied after it on the same partition.
        String afterwards = sameRoute(garbage);
        send(kafka, accepted(afterwards, "acme", "auto"));
        awaitEvent(afterwards, EventTypes.PROPOSAL_APPROVED);
        assertThat(eventsOf(incomplete)).isEmpty();
    }

    static KafkaTestClient.Received awaitDeadLetter(String key) {
        return KafkaTestClient.await(deadLetters, r -> key.equals(r.key()), WAIT);
    }
}
