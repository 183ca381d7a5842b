package dev.countersign.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A first start with a backlog: many actions and a proposal for the last of them are already on Kafka when the
 * service starts with an empty replica. Proposal intake waits until the replica has caught up, so the proposal
 * is accepted rather than rejected unknown_action (the unknown-action grace is off here, so nothing else helps).
 */
@QuarkusTest
@TestProfile(ColdStartBacklogTest.NoGrace.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(ColdStartBacklogTest.Backlog.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_proposal_coldstart_test"))
class ColdStartBacklogTest {
    static final int ACTIONS = 300;
    static final String PREFIX = "backlog_" + UUID.randomUUID().toString().substring(0, 6);
    static final String PROPOSAL_ID = "cold-" + UUID.randomUUID();

    /** No unknown-action grace: only the start-up gate can save the proposal. */
    public static class NoGrace implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("countersign.proposals.unknown-action-grace", "PT0S");
        }
    }

    /** Publishes the backlog before the application starts. */
    public static class Backlog implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try (var kafka = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
                for (int i = 0; i < ACTIONS; i++) {
                    Fixtures.publish(kafka, Fixtures.definition(PREFIX + "_" + i, 1, "auto", null));
                }
                kafka.sendBinary(Topics.PROPOSALS, "conv-cold", PROPOSAL_ID, EventTypes.PROPOSAL_SUBMITTED,
                        Fixtures.ASSISTANT_SOURCE, null,
                        Fixtures.proposal(PREFIX + "_" + (ACTIONS - 1), "{\"order_number\": \"ORD-1\"}"));
            }
            return Map.of();
        }

        @Override
        public void stop() {
            // the records stay on the shared broker; their names are unique to this run
        }
    }

    @Test
    void aBacklogProposalIsJudgedAgainstACaughtUpReplica() {
        try (var kafka = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
            List<KafkaTestClient.Received> validations = kafka.watch(Topics.VALIDATIONS);
            var outcome = Fixtures.awaitOutcome(validations, PROPOSAL_ID);
            assertThat(outcome.type()).as(outcome.value()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
        }
    }
}
