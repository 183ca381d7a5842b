package dev.countersign.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.DecisionSubmitted;
import org.junit.jupiter.api.Test;

/** Reading event data as a contract record. */
class IncomingEventTest {

    static IncomingEvent event(String json) throws Exception {
        return new IncomingEvent("e-1", "dev.countersign.decision.submitted", "/bot", "p-1", null, "t", "p-1",
                (ObjectNode) Json.mapper().readTree(json));
    }

    @Test
    void dataThatFitsTheRecordIsRead() throws Exception {
        var decision = event("{\"proposal_id\": \"p-1\", \"tenant\": \"acme\", \"decision\": \"approve\"}")
                .dataAs(DecisionSubmitted.class);
        assertThat(decision.proposalId()).isEqualTo("p-1");
        assertThat(decision.decision()).isEqualTo("approve");
    }

    @Test
    void dataOfTheWrongShapeIsPoisonNamingTheTypeNotThePayload() {
        assertThatThrownBy(() -> event("{\"proposal_id\": {\"secret\": \"s3cr3t\"}}").dataAs(DecisionSubmitted.class))
                .isInstanceOf(PoisonMessageException.class)
                .hasMessageContaining("dev.countersign.decision.submitted data does not match the contract")
                .hasMessageNotContaining("s3cr3t");
    }
}
