package dev.countersign.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.contracts.EventTypes;
import org.junit.jupiter.api.Test;

/** How an event is filed: tenant, actor, proposal and conversation. */
class EventFactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode data(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void theActorIsTheDecidingActorFirst() throws Exception {
        var facts = EventFacts.of("e", EventTypes.DECISION_SUBMITTED, "/bot", data(
                "{\"tenant\": \"acme\", \"proposal_id\": \"p\", \"actor\": {\"id\": \"bob\"}, \"user\": {\"id\": \"u\"}}"));
        assertThat(facts).isEqualTo(new EventFacts("acme", "bob", "p", null));
    }

    @Test
    void thenTheLastDeciderWithAnActor() throws Exception {
        var facts = EventFacts.of("e", EventTypes.PROPOSAL_APPROVED, "/countersign/approval-service", data(
                "{\"tenant\": \"acme\", \"decided_by\": [{\"actor\": \"carol\"}, {\"actor\": \"alice\"}, {\"channel\": \"x\"}],"
                        + " \"user\": {\"id\": \"u\"}}"));
        assertThat(facts.actor()).isEqualTo("alice");
    }

    @Test
    void thenTheUserThenTheSource() throws Exception {
        assertThat(EventFacts.of("e", "t", "/s", data("{\"user\": {\"id\": \"u\"}, \"decided_by\": []}")).actor())
                .isEqualTo("u");
        assertThat(EventFacts.of("e", "t", "/s", data("{\"actor\": \"not-an-object\", \"user\": 3}")).actor())
                .isEqualTo("/s");
    }

    @Test
    void aSubmittedProposalsIdIsItsEventIdAndOnlyTextTenantsCount() throws Exception {
        var facts = EventFacts.of("p-1", EventTypes.PROPOSAL_SUBMITTED, "/bot",
                data("{\"tenant\": 42, \"conversation_id\": \"c\"}"));
        assertThat(facts).isEqualTo(new EventFacts(null, "/bot", "p-1", "c"));
        assertThat(EventFacts.of("e", EventTypes.PROPOSAL_ACCEPTED, "/s", data("{}")).proposalId()).isNull();
    }
}
