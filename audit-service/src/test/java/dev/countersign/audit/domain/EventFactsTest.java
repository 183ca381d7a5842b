package dev.countersign.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Topics;
import org.junit.jupiter.api.Test;

/** How an event is filed: tenant, actor, proposal and conversation. */
class EventFactsTest {

    private static JsonNode data(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    @Test
    void theActorIsTheDecidingActorFirst() throws Exception {
        var facts = EventFacts.of("e", EventTypes.DECISION_SUBMITTED, "/bot", Topics.DECISIONS, data(
                "{\"tenant\": \"acme\", \"proposal_id\": \"p\", \"actor\": {\"id\": \"bob\"}, \"user\": {\"id\": \"u\"}}"));
        assertThat(facts).isEqualTo(new EventFacts("acme", "bob", "p", null));
    }

    @Test
    void thenTheLastDeciderWithAnActor() throws Exception {
        var facts = EventFacts.of("e", EventTypes.PROPOSAL_APPROVED, "/countersign/approval-service",
                Topics.APPROVALS, data("{\"tenant\": \"acme\", \"decided_by\": [{\"actor\": \"carol\"}, "
                        + "{\"actor\": \"alice\"}, {\"channel\": \"x\"}], \"user\": {\"id\": \"u\"}}"));
        assertThat(facts.actor()).isEqualTo("alice");
    }

    @Test
    void thenTheSourceNeverTheSelfDeclaredUser() throws Exception {
        assertThat(EventFacts.of("e", "t", "/s", "topic", data("{\"user\": {\"id\": \"u\"}, \"decided_by\": []}"))
                .actor()).isEqualTo("/s");
        assertThat(EventFacts.of("e", "t", "/s", "topic", data("{\"actor\": \"not-an-object\", \"user\": 3}"))
                .actor()).isEqualTo("/s");
    }

    @Test
    void aRejectedProposalsActorIsItsAuthenticatedSubmitterToo() throws Exception {
        assertThat(EventFacts.of("e", EventTypes.PROPOSAL_REJECTED, "/countersign/proposal-service", Topics.VALIDATIONS,
                data("{\"tenant\": \"acme\", \"proposal_id\": \"p\", \"code\": \"invalid_parameters\", "
                        + "\"submitted_by\": \"bot-client@acme\", \"user\": {\"id\": \"ceo\"}}")).actor())
                .isEqualTo("bot-client@acme");
    }

    @Test
    void anAcceptedProposalsActorIsItsAuthenticatedSubmitter() throws Exception {
        var facts = EventFacts.of("e", EventTypes.PROPOSAL_ACCEPTED, "/countersign/proposal-service",
                Topics.VALIDATIONS, data("{\"tenant\": \"acme\", \"proposal_id\": \"p\", "
                        + "\"submitted_by\": \"bot-client@acme\", \"user\": {\"id\": \"ceo\"}}"));
        assertThat(facts).isEqualTo(new EventFacts("acme", "bot-client@acme", "p", null));
        // an accepted event from before submitted_by existed: the service that accepted it, not the claimed user
        assertThat(EventFacts.of("e", EventTypes.PROPOSAL_ACCEPTED, "/countersign/proposal-service",
                Topics.VALIDATIONS, data("{\"user\": {\"id\": \"ceo\"}}")).actor())
                .isEqualTo("/countersign/proposal-service");
    }

    @Test
    void aSubmittedProposalsActorIsTheTopicItArrivedOnNotTheUserItClaims() throws Exception {
        var facts = EventFacts.of("p-1", EventTypes.PROPOSAL_SUBMITTED, "/bot", Topics.PROPOSALS,
                data("{\"tenant\": \"acme\", \"user\": {\"id\": \"ceo\"}, \"actor\": {\"id\": \"ceo\"}}"));
        assertThat(facts.actor()).isEqualTo("topic:" + Topics.PROPOSALS);
    }

    @Test
    void aSubmittedProposalsIdIsItsEventIdAndOnlyTextTenantsCount() throws Exception {
        var facts = EventFacts.of("p-1", EventTypes.PROPOSAL_SUBMITTED, "/bot", Topics.PROPOSALS,
                data("{\"tenant\": 42, \"conversation_id\": \"c\"}"));
        assertThat(facts).isEqualTo(new EventFacts(null, "topic:" + Topics.PROPOSALS, "p-1", "c"));
        assertThat(EventFacts.of("e", EventTypes.PROPOSAL_ACCEPTED, "/s", Topics.VALIDATIONS, data("{}"))
                .proposalId()).isNull();
    }
}
