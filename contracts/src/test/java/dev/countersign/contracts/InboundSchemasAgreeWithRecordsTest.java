package dev.countersign.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.countersign.contracts.events.Actor;
import dev.countersign.contracts.events.DecisionSubmitted;
import dev.countersign.contracts.events.ProposalSubmitted;
import dev.countersign.contracts.events.User;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The published inbound schemas and the records producers and consumers use must not drift apart. */
class InboundSchemasAgreeWithRecordsTest {

    private static JsonNode schemaNode(String resource) throws Exception {
        return Json.mapper().readTree(Schemas.read(resource));
    }

    private static JsonSchema schema(String resource) throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode(resource));
    }

    private static Set<String> recordFields(Class<? extends Record> type) {
        var snake = new PropertyNamingStrategies.SnakeCaseStrategy();
        return Arrays.stream(type.getRecordComponents()).map(c -> snake.translate(c.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> schemaFields(String resource) throws Exception {
        Set<String> names = new TreeSet<>();
        schemaNode(resource).get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void proposalSubmittedSchemaNamesExactlyTheRecordFields() throws Exception {
        assertThat(schemaFields(Schemas.PROPOSAL_SUBMITTED)).isEqualTo(recordFields(ProposalSubmitted.class));
    }

    @Test
    void decisionSubmittedSchemaNamesExactlyTheRecordFields() throws Exception {
        assertThat(schemaFields(Schemas.DECISION_SUBMITTED)).isEqualTo(recordFields(DecisionSubmitted.class));
    }

    @Test
    void aFullyPopulatedProposalRecordSerialisesToAValidInstance() throws Exception {
        var proposal = new ProposalSubmitted("acme", "support-bot", "check_order_status",
                Map.of("order_number", "ORD-1"), "conv-1", new User("u1", "u1@example.com", "Ann"), "ai_intent",
                "user asked", 60);
        var json = Json.mapper().valueToTree(proposal);
        assertThat(schema(Schemas.PROPOSAL_SUBMITTED).validate(json)).isEmpty();
        assertThat(json.has("conversation_id")).isTrue();
        assertThat(json.has("expires_in_minutes")).isTrue();
    }

    @Test
    void aProposalWithoutParametersIsRejectedBySchema() throws Exception {
        var json = Json.mapper().valueToTree(new ProposalSubmitted("acme", "bot", "a", null, null, null, null, null, null));
        assertThat(schema(Schemas.PROPOSAL_SUBMITTED).validate(json))
                .anySatisfy(m -> assertThat(m.getMessage()).contains("parameters"));
    }

    @Test
    void aDecisionRecordSerialisesToAValidInstanceAndARecordReadsItBack() throws Exception {
        var decision = new DecisionSubmitted("p-1", "acme", "approve", new Actor("u1", "approver"), "ok");
        var json = Json.mapper().valueToTree(decision);
        assertThat(schema(Schemas.DECISION_SUBMITTED).validate(json)).isEmpty();
        assertThat(Json.mapper().treeToValue(json, DecisionSubmitted.class)).isEqualTo(decision);
    }

    @Test
    void aDecisionOtherThanApproveOrDenyIsRejectedBySchema() throws Exception {
        var json = Json.mapper().valueToTree(new DecisionSubmitted("p-1", "acme", "maybe", new Actor("u1", null), null));
        assertThat(schema(Schemas.DECISION_SUBMITTED).validate(json)).isNotEmpty();
    }
}
