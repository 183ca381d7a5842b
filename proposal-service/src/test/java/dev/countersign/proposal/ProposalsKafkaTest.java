package dev.countersign.proposal;

import static dev.countersign.proposal.Fixtures.ASSISTANT_SOURCE;
import static dev.countersign.proposal.Fixtures.WAIT;
import static dev.countersign.proposal.Fixtures.awaitOutcome;
import static dev.countersign.proposal.Fixtures.count;
import static dev.countersign.proposal.Fixtures.proposal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.proposal.service.ActionReplicaService;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proposals published on countersign.proposals, against the real broker and database. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_proposal_test"))
class ProposalsKafkaTest {
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> validations;
    static List<KafkaTestClient.Received> proposalsDlq;
    static List<KafkaTestClient.Received> actionsDlq;

    @Inject
    ActionReplicaService replica;

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        validations = kafka.watch(Topics.VALIDATIONS);
        proposalsDlq = kafka.watch(Topics.dlq(Topics.PROPOSALS));
        actionsDlq = kafka.watch(Topics.dlq(Topics.ACTIONS));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static void submitBinary(String key, String id, Object data) {
        kafka.sendBinary(Topics.PROPOSALS, key, id, EventTypes.PROPOSAL_SUBMITTED, ASSISTANT_SOURCE, null, data);
    }

    static String conversation() {
        return "conv-" + UUID.randomUUID();
    }

    @Test
    void aBinaryProposalIsAcceptedWithThePinnedVersionApprovalModeAndExpiry() {
        String action = Fixtures.activeAction(kafka, replica, "require_approval", 120);
        String id = UUID.randomUUID().toString();
        submitBinary(conversation(), id, proposal(action, "{\"order_number\": \"ORD-42\", \"quantity\": 2}"));

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
        assertThat(event.key()).isEqualTo(id);
        assertThat(event.header("ce_source")).isEqualTo("/countersign/proposal-service");
        JsonNode data = event.json();
        assertThat(data.path("proposal_id").asText()).isEqualTo(id);
        assertThat(data.path("tenant").asText()).isEqualTo("acme");
        assertThat(data.path("action").asText()).isEqualTo(action);
        assertThat(data.path("action_version").asInt()).isEqualTo(1);
        assertThat(data.path("approval_mode").asText()).isEqualTo("require_approval");
        assertThat(data.path("parameters").path("order_number").asText()).isEqualTo("ORD-42");
        assertThat(data.path("conversation_id").asText()).isEqualTo("conv-1");
        assertThat(data.path("user").path("id").asText()).isEqualTo("u-1");
        assertThat(data.path("trigger").asText()).isEqualTo("ai_intent");
        assertThat(data.path("reason").asText()).isEqualTo("the user asked");
        Instant submitted = Instant.parse(data.path("submitted_at").asText());
        assertThat(Duration.between(submitted, Instant.parse(data.path("expires_at").asText())))
                .isEqualTo(Duration.ofMinutes(120));
        // Kafka vouches only for the topic a record was written to: that is the submitter, not the data's user
        assertThat(data.path("submitted_by").asText()).isEqualTo("topic:" + Topics.PROPOSALS);
        assertThat(data.path("approval").path("mode").asText()).isEqualTo("require_approval");
        assertThat(data.path("approval").path("expires_in_minutes").asInt()).isEqualTo(120);
        // the pinned version's compiled schema travels on, for approval-service to validate approvers' edits
        assertThat(data.path("parameters_schema"))
                .isEqualTo(Fixtures.definition(action, 1, "require_approval", 120).get("parameters_json_schema"));
    }

    @Test
    void numbersBeyondADoubleArePublishedExactlyAsSent() {
        String name = Fixtures.unique("amounts");
        ObjectNode definition = Fixtures.definition(name, 1, "auto", null);
        ObjectNode properties = (ObjectNode) definition.at("/parameters_json_schema/properties");
        properties.putObject("amount").put("type", "integer");
        properties.putObject("price").put("type", "number");
        Fixtures.publish(kafka, definition);
        Fixtures.awaitReplica(replica, name, 1, false);

        String id = UUID.randomUUID().toString();
        String raw = "{\"specversion\": \"1.0\", \"id\": \"" + id + "\", \"type\": \"" + EventTypes.PROPOSAL_SUBMITTED
                + "\", \"source\": \"" + ASSISTANT_SOURCE + "\", \"datacontenttype\": \"application/json\", \"data\": "
                + proposal(name, "{}").toString().replace("\"parameters\":{}", "\"parameters\":{\"order_number\": "
                + "\"ORD-1\", \"amount\": 123456789012345678901, \"price\": 0.1000000000000000000001}") + "}";
        kafka.sendRaw(Topics.PROPOSALS, conversation(), raw,
                Map.of("content-type", "application/cloudevents+json"));

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).as(event.value()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
        assertThat(event.value()).contains("\"amount\":123456789012345678901")
                .contains("\"price\":0.1000000000000000000001");
    }

    @Test
    void aStructuredModeProposalIsAcceptedAndItsOwnExpiryWins() {
        String action = Fixtures.activeAction(kafka, replica, null, null);
        String id = UUID.randomUUID().toString();
        ObjectNode data = proposal(action, "{\"order_number\": \"ORD-7\"}");
        data.put("expires_in_minutes", 30);
        kafka.sendStructured(Topics.PROPOSALS, conversation(), id, EventTypes.PROPOSAL_SUBMITTED, ASSISTANT_SOURCE,
                data);

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
        assertThat(event.json().path("approval_mode").asText()).isEqualTo("auto");
        assertThat(Duration.between(Instant.parse(event.json().path("submitted_at").asText()),
                Instant.parse(event.json().path("expires_at").asText()))).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aProposalAskingForMoreThanTheActionsMaximumExpiryIsRejected() {
        String name = Fixtures.unique("capped");
        var definition = Fixtures.definition(name, 1, "auto", 60);
        ((ObjectNode) definition.get("approval")).put("max_expires_in_minutes", 120);
        Fixtures.publish(kafka, definition);
        Fixtures.awaitReplica(replica, name, 1, false);
        String id = UUID.randomUUID().toString();
        ObjectNode data = proposal(name, "{\"order_number\": \"ORD-9\"}");
        data.put("expires_in_minutes", 121);
        submitBinary(conversation(), id, data);
        JsonNode rejected = awaitOutcome(validations, id).json();
        assertThat(rejected.path("code").asText()).isEqualTo("malformed");
        assertThat(rejected.at("/errors/0/path").asText()).isEqualTo("expires_in_minutes");
        assertThat(rejected.at("/errors/0/code").asText()).isEqualTo("out_of_range");
    }

    @Test
    void withoutAnyExpiryTheDefaultOfSevenDaysApplies() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = UUID.randomUUID().toString();
        submitBinary(conversation(), id, proposal(action, "{\"order_number\": \"ORD-8\"}"));
        JsonNode data = awaitOutcome(validations, id).json();
        assertThat(Duration.between(Instant.parse(data.path("submitted_at").asText()),
                Instant.parse(data.path("expires_at").asText()))).isEqualTo(Duration.ofMinutes(10080));
    }

    @Test
    void aMissingRequiredParameterIsRejectedAtItsPath() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = UUID.randomUUID().toString();
        submitBinary(conversation(), id, proposal(action, "{\"quantity\": 1}"));

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_REJECTED);
        JsonNode data = event.json();
        assertThat(data.path("code").asText()).isEqualTo("invalid_parameters");
        assertThat(data.path("tenant").asText()).isEqualTo("acme");
        assertThat(data.path("action").asText()).isEqualTo(action);
        assertThat(data.path("conversation_id").asText()).isEqualTo("conv-1");
        assertThat(data.path("message").asText()).contains("Order number is required.");
        assertThat(data.path("errors")).hasSize(1);
        assertThat(data.path("errors").get(0).path("path").asText()).isEqualTo("parameters.order_number");
        assertThat(data.path("errors").get(0).path("code").asText()).isEqualTo("required");
    }

    @Test
    void aParameterOfTheWrongJsonTypeIsRejectedOnePerBadField() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = UUID.randomUUID().toString();
        submitBinary(conversation(), id, proposal(action, "{\"order_number\": 12345, \"quantity\": \"two\"}"));

        JsonNode data = awaitOutcome(validations, id).json();
        assertThat(data.path("code").asText()).isEqualTo("invalid_parameters");
        assertThat(data.path("errors")).hasSize(2);
        assertThat(data.path("errors").findValuesAsText("path"))
                .containsExactly("parameters.order_number", "parameters.quantity");
        assertThat(data.path("errors").findValuesAsText("code")).containsOnly("wrong_type");
        assertThat(data.path("errors").findValuesAsText("message"))
                .containsExactly("Order number must be text.", "Quantity must be a whole number.");
    }

    @Test
    void dataThatBreaksThePublishedSchemaIsRejectedMalformed() {
        String id = UUID.randomUUID().toString();
        ObjectNode data = proposal("whatever", "{}");
        data.remove("parameters");
        data.put("expires_in_minutes", 50000);
        submitBinary(conversation(), id, data);

        JsonNode rejected = awaitOutcome(validations, id).json();
        assertThat(rejected.path("code").asText()).isEqualTo("malformed");
        assertThat(rejected.path("errors").findValuesAsText("path")).containsExactly("expires_in_minutes", "parameters");
        assertThat(rejected.path("message").asText()).startsWith("The proposal is malformed");
    }

    @Test
    void anUnknownActionIsRejectedAfterTheGrace() {
        String id = UUID.randomUUID().toString();
        submitBinary(conversation(), id, proposal(Fixtures.unique("nope"), "{}"));
        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_REJECTED);
        assertThat(event.json().path("code").asText()).isEqualTo("unknown_action");
        assertThat(event.json().path("message").asText()).endsWith(".");
    }

    @Test
    void anActionPublishedJustAfterTheProposalIsStillFound() {
        String action = Fixtures.unique("late");
        String id = UUID.randomUUID().toString();
        submitBinary(conversation(), id, proposal(action, "{\"order_number\": \"ORD-1\"}"));
        Fixtures.publish(kafka, Fixtures.definition(action, 1, "auto", null));

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
    }

    @Test
    void aRetiredActionRejectsNewProposalsAndANewVersionReactivatesIt() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        Fixtures.retire(kafka, action, 1);
        Fixtures.awaitReplica(replica, action, 1, true);

        String id = UUID.randomUUID().toString();
        submitBinary(conversation(), id, proposal(action, "{\"order_number\": \"ORD-1\"}"));
        var event = awaitOutcome(validations, id);
        assertThat(event.json().path("code").asText()).isEqualTo("action_retired");

        Fixtures.publish(kafka, Fixtures.definition(action, 2, "dry_run_first", null));
        Fixtures.awaitReplica(replica, action, 2, false);
        String again = UUID.randomUUID().toString();
        submitBinary(conversation(), again, proposal(action, "{\"order_number\": \"ORD-1\"}"));
        JsonNode accepted = awaitOutcome(validations, again).json();
        assertThat(accepted.path("action_version").asInt()).isEqualTo(2);
        assertThat(accepted.path("approval_mode").asText()).isEqualTo("dry_run_first");
    }

    @Test
    void aRedeliveredProposalIsAcceptedExactlyOnce() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String conversation = conversation();
        String id = UUID.randomUUID().toString();
        ObjectNode data = proposal(action, "{\"order_number\": \"ORD-5\", \"quantity\": 1}");
        submitBinary(conversation, id, data);
        // The same body again, with keys in another order and 1 spelled 1.0: still the same proposal.
        kafka.sendRaw(Topics.PROPOSALS, conversation, reordered(data), binaryHeaders(id));

        String marker = Fixtures.markerIdAfter(id);
        submitBinary(conversation, marker, proposal(action, "{\"order_number\": \"ORD-6\"}"));
        awaitOutcome(validations, marker);

        assertThat(count(validations, id)).isEqualTo(1);
        assertThat(awaitOutcome(validations, id).type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
    }

    @Test
    void theSameIdWithAnotherBodyIsRejectedDuplicateConflictOnceAndTheStoredProposalStands() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String conversation = conversation();
        String id = UUID.randomUUID().toString();
        submitBinary(conversation, id, proposal(action, "{\"order_number\": \"ORD-1\"}"));
        awaitOutcome(validations, id);

        ObjectNode other = proposal(action, "{\"order_number\": \"ORD-2\"}");
        submitBinary(conversation, id, other);
        submitBinary(conversation, id, other); // the conflicting message redelivered
        String marker = Fixtures.markerIdAfter(id);
        submitBinary(conversation, marker, proposal(action, "{\"order_number\": \"ORD-3\"}"));
        awaitOutcome(validations, marker);

        var conflicts = validations.stream().filter(r -> id.equals(r.subject())
                && EventTypes.PROPOSAL_REJECTED.equals(r.type())).toList();
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).json().path("code").asText()).isEqualTo("duplicate_conflict");
        assertThat(validations.stream().filter(r -> id.equals(r.subject())
                && EventTypes.PROPOSAL_ACCEPTED.equals(r.type()))).hasSize(1);

        given().auth().oauth2(TestJwt.submitter("acme")).get("/v1/proposals/" + id)
                .then().statusCode(200).body("status", equalTo("accepted"))
                .body("action_version", equalTo(1));
    }

    @Test
    void recordsThatAreNotCloudEventsGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String conversation = conversation();
        kafka.sendRaw(Topics.PROPOSALS, conversation, "hello, not an event " + conversation, Map.of());
        kafka.sendRaw(Topics.PROPOSALS, conversation, "{not json " + conversation,
                binaryHeaders(UUID.randomUUID().toString()));
        kafka.sendBinary(Topics.PROPOSALS, conversation, UUID.randomUUID().toString(),
                "dev.countersign.something.else", ASSISTANT_SOURCE, null, Map.of("marker", conversation));

        var garbage = KafkaTestClient.await(proposalsDlq,
                r -> r.value() != null && r.value().equals("hello, not an event " + conversation), WAIT);
        assertThat(garbage.header("dead-letter-reason")).contains("not a CloudEvent");
        var invalidJson = KafkaTestClient.await(proposalsDlq,
                r -> r.value() != null && r.value().equals("{not json " + conversation), WAIT);
        assertThat(invalidJson.header("dead-letter-reason")).contains("not valid JSON");
        var unknownType = KafkaTestClient.await(proposalsDlq,
                r -> r.value() != null && r.value().contains(conversation) && r.value().contains("marker"), WAIT);
        assertThat(unknownType.header("dead-letter-reason")).contains("unexpected type");

        String id = UUID.randomUUID().toString();
        submitBinary(conversation, id, proposal(action, "{\"order_number\": \"ORD-9\"}"));
        assertThat(awaitOutcome(validations, id).type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
    }

    @Test
    void anUnusableActionsEventIsDeadLetteredAndTheReplicaKeepsGoing() {
        String name = Fixtures.unique("broken");
        ObjectNode broken = Fixtures.definition(name, 1, "auto", null);
        broken.remove("parameters_json_schema");
        Fixtures.publish(kafka, broken);
        var dead = KafkaTestClient.await(actionsDlq, r -> Fixtures.key(name).equals(r.key()), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("parameters_json_schema");

        Fixtures.activeAction(kafka, replica, "auto", null);
    }

    @Test
    void aNulCharacterAnywhereInTheDataIsRejectedMalformedNamingEveryPath() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = UUID.randomUUID().toString();
        ObjectNode data = proposal(action, "{\"order_number\": \"ORD-1\"}");
        data.put("conversation_id", "conv-\u0000-1");
        data.put("reason", "the user\u0000asked");
        ((ObjectNode) data.get("parameters")).put("x\u0000y", true);
        data.withArray("tags").add("ok").add("\u0000");
        submitBinary(conversation(), id, data);

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_REJECTED);
        JsonNode rejected = event.json();
        assertThat(rejected.path("code").asText()).isEqualTo("malformed");
        assertThat(rejected.path("errors").findValuesAsText("path")).containsExactly("conversation_id",
                "parameters.x\\u0000y", "reason", "tags[1]");
        assertThat(rejected.path("errors").findValuesAsText("code")).containsOnly("invalid_character");
        assertThat(rejected.path("message").asText()).contains("The field reason contains the character U+0000");
        // nothing unstorable is echoed: the conversation id with the NUL is left out, the tenant is kept
        assertThat(rejected.path("conversation_id").isMissingNode() || rejected.path("conversation_id").isNull())
                .isTrue();
        assertThat(rejected.path("tenant").asText()).isEqualTo("acme");
        assertThat(texts(rejected)).noneMatch(text -> text.indexOf('\u0000') >= 0);
        given().auth().oauth2(TestJwt.submitter("acme")).get("/v1/proposals/" + id)
                .then().statusCode(200).body("status", equalTo("rejected")).body("code", equalTo("malformed"));
    }

    @Test
    void aProposalIdLongerThan256CharactersOrWithANulIsDeadLetteredAndTheConsumerKeepsGoing() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String conversation = conversation();
        String longId = "p-" + "x".repeat(300);
        submitBinary(conversation, longId, proposal(action, "{\"order_number\": \"ORD-1\"}"));
        String nulId = "nul\u0000" + UUID.randomUUID();
        kafka.sendStructured(Topics.PROPOSALS, conversation, nulId, EventTypes.PROPOSAL_SUBMITTED, ASSISTANT_SOURCE,
                proposal(action, "{\"order_number\": \"ORD-2\"}"));

        var dead = KafkaTestClient.await(proposalsDlq, r -> r.value() != null && r.value().contains("ORD-1")
                && conversation.equals(r.key()), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("at most 256 characters").contains("302");
        var deadNul = KafkaTestClient.await(proposalsDlq, r -> r.value() != null && r.value().contains("ORD-2")
                && conversation.equals(r.key()), WAIT);
        assertThat(deadNul.header("dead-letter-reason")).contains("U+0000");

        String id = UUID.randomUUID().toString();
        submitBinary(conversation, id, proposal(action, "{\"order_number\": \"ORD-3\"}"));
        assertThat(awaitOutcome(validations, id).type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
        // same partition, consumed in order: neither bad id got an outcome
        assertThat(count(validations, longId)).isZero();
        assertThat(count(validations, nulId)).isZero();
    }

    @Test
    void proposalsWithoutATenantAreNotDeduplicatedAcrossSenders() {
        String conversation = conversation();
        String id = UUID.randomUUID().toString();
        ObjectNode first = proposal("check", "{}");
        first.remove("tenant");
        ObjectNode other = first.deepCopy().put("reason", "another body");
        // sender A, then A's redelivery
        kafka.sendBinary(Topics.PROPOSALS, conversation, id, EventTypes.PROPOSAL_SUBMITTED, "/a/bot", null, first);
        kafka.sendBinary(Topics.PROPOSALS, conversation, id, EventTypes.PROPOSAL_SUBMITTED, "/a/bot", null, first);
        // sender B happens to use the same id, with the same body and with another one
        kafka.sendBinary(Topics.PROPOSALS, conversation, id, EventTypes.PROPOSAL_SUBMITTED, "/b/bot", null, first);
        kafka.sendBinary(Topics.PROPOSALS, conversation, id, EventTypes.PROPOSAL_SUBMITTED, "/b/bot", null, other);
        String marker = Fixtures.markerIdAfter(id);
        submitBinary(conversation, marker, proposal(Fixtures.unique("nope"), "{}"));
        awaitOutcome(validations, marker);

        // one rejection per distinct (sender, body); A's redelivery emits nothing; nobody gets duplicate_conflict
        var outcomes = validations.stream().filter(r -> id.equals(r.subject())).toList();
        assertThat(outcomes).extracting(r -> r.json().path("code").asText())
                .containsExactly("malformed", "malformed", "malformed");
        assertThat(outcomes.get(0).json().path("errors").findValuesAsText("path")).contains("tenant");
    }

    /** Every field name and text value in {@code node}. */
    private static List<String> texts(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        if (node.isTextual()) {
            out.add(node.textValue());
        }
        node.fields().forEachRemaining(f -> {
            out.add(f.getKey());
            out.addAll(texts(f.getValue()));
        });
        if (node.isArray()) {
            node.forEach(item -> out.addAll(texts(item)));
        }
        return out;
    }

    private static Map<String, String> binaryHeaders(String id) {
        return Map.of("ce_specversion", "1.0", "ce_id", id, "ce_type", EventTypes.PROPOSAL_SUBMITTED,
                "ce_source", ASSISTANT_SOURCE, "content-type", "application/json");
    }

    private static String reordered(ObjectNode data) {
        StringBuilder out = new StringBuilder("{");
        List<String> names = new java.util.ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        for (String name : names) {
            if (out.length() > 1) {
                out.append(", ");
            }
            JsonNode value = data.get(name);
            String text = name.equals("parameters")
                    ? value.toString().replace("\"quantity\":1", "\"quantity\":1.0") : value.toString();
            out.append('"').append(name).append("\": ").append(text);
        }
        return out.append('}').toString();
    }
}
