package dev.countersign.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.ActionRetired;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import dev.countersign.proposal.domain.ActionState;
import dev.countersign.proposal.service.ActionReplicaService;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The replica of countersign.actions: idempotent, order-safe, and rebuilt identically from scratch. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_proposal_test"))
class ActionReplicaTest {
    @Inject
    ActionReplicaService replica;

    static IncomingEvent published(String name, int version) {
        return event(EventTypes.ACTION_PUBLISHED, name, Fixtures.definition(name, version, "auto", null));
    }

    static IncomingEvent retired(String name, int version) {
        return event(EventTypes.ACTION_RETIRED, name,
                Json.mapper().valueToTree(new ActionRetired(Fixtures.TENANT, Fixtures.ASSISTANT, name, version)));
    }

    static IncomingEvent event(String type, String name, ObjectNode data) {
        return new IncomingEvent(UUID.randomUUID().toString(), type, "/countersign/action-registry",
                Fixtures.key(name), null, Topics.ACTIONS, Fixtures.key(name), data);
    }

    void apply(List<IncomingEvent> events) {
        events.forEach(e -> Fixtures.onContext(() -> replica.apply(e)));
    }

    ActionState current(String name) {
        return Fixtures.current(replica, name);
    }

    @Test
    void replayingTheTopicRebuildsTheSameHeadAndRedeliveriesChangeNothing() {
        String name = Fixtures.unique("replica");
        List<IncomingEvent> history = List.of(published(name, 1), published(name, 2), retired(name, 2));
        apply(history);
        ActionState first = current(name);
        assertThat(first.latestVersion()).isEqualTo(2);
        assertThat(first.retired()).isTrue();

        apply(history); // a consumer reading the topic again from the beginning
        assertThat(current(name)).isEqualTo(first);

        apply(List.of(published(name, 1))); // an old version redelivered late
        assertThat(current(name)).isEqualTo(first);

        apply(List.of(published(name, 3), retired(name, 2))); // re-published, then an old retirement redelivered
        assertThat(current(name).latestVersion()).isEqualTo(3);
        assertThat(current(name).retired()).isFalse();
        assertThat(current(name).definition().version()).isEqualTo(3);
        assertThat(current(name).definition().parametersJsonSchema().path("required").get(0).asText())
                .isEqualTo("order_number");
    }

    @Test
    void aDefinitionIsStoredAndReadBackExactlyIncludingNumbersBeyondADouble() {
        String name = Fixtures.unique("exact");
        ObjectNode definition = Fixtures.definition(name, 1, "auto", null);
        ObjectNode amount = ((ObjectNode) definition.at("/parameters_json_schema/properties")).putObject("amount");
        amount.put("type", "integer").put("const", new java.math.BigInteger("12345678901234567891"));
        ((ObjectNode) definition.at("/parameters_json_schema/properties")).putObject("rate")
                .put("type", "number").put("maximum", new java.math.BigDecimal("0.1000000000000000000001"));
        apply(List.of(event(EventTypes.ACTION_PUBLISHED, name, definition)));

        var schema = current(name).definition().parametersJsonSchema();
        assertThat(schema.at("/properties/amount/const").bigIntegerValue())
                .isEqualTo(new java.math.BigInteger("12345678901234567891"));
        assertThat(schema.at("/properties/rate/maximum").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal("0.1000000000000000000001"));
    }

    @Test
    void aRetirementWhoseDefinitionWasCompactedAwayStillRetires() {
        String name = Fixtures.unique("compacted");
        apply(List.of(retired(name, 4)));
        assertThat(current(name).retired()).isTrue();
        assertThat(current(name).definition()).isNull();
    }

    @Test
    void unknownTypesAndIncompleteDataArePoison() {
        String name = Fixtures.unique("poison");
        assertThatThrownBy(() -> replica.apply(event("dev.countersign.other", name, Fixtures.definition(name, 1,
                null, null)))).isInstanceOf(PoisonMessageException.class);
        ObjectNode noVersion = Fixtures.definition(name, 1, null, null);
        noVersion.remove("version");
        assertThatThrownBy(() -> replica.apply(event(EventTypes.ACTION_PUBLISHED, name, noVersion)))
                .isInstanceOf(PoisonMessageException.class);
        ObjectNode unreadableApproval = Fixtures.definition(name, 1, "auto", null);
        ((ObjectNode) unreadableApproval.get("approval")).put("quorum", "lots");
        assertThatThrownBy(() -> replica.apply(event(EventTypes.ACTION_PUBLISHED, name, unreadableApproval)))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("does not match the contract");
        assertThat(current(name)).isNull();
    }
}
