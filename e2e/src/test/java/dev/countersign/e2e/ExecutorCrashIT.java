package dev.countersign.e2e;

import static dev.countersign.e2e.Steps.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.local.Service;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Nothing executed twice" across a crash (DESIGN §3): the executor is killed with SIGKILL while a webhook
 * delivery is in flight and started again. The customer may see the delivery again, always with the same
 * {@code webhook-id}; the outcome is recorded and published once.
 */
@ExtendWith(E2eStack.class)
class ExecutorCrashIT {
    static KafkaTestClient kafka;
    static WebhookReceiver receiver;

    @BeforeAll
    static void setUp() {
        kafka = new KafkaTestClient(Steps.stack().kafkaBootstrapServers());
        receiver = new WebhookReceiver();
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
        receiver.close();
    }

    @Test
    void killingTheExecutorMidDeliveryNeitherLosesNorDuplicatesTheExecution() throws Exception {
        var stack = Steps.stack();
        String action = Steps.uniqueAction();
        receiver.expectSecret(Steps.defineWebhookAction(action, receiver.url("/hooks/" + action)));
        List<KafkaTestClient.Received> executions = kafka.watch(Topics.EXECUTIONS);

        // the first delivery is held open until the executor that sent it is dead; later ones answer at once
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        receiver.respondWith(d -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    release.await(5, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return WebhookReceiver.Reply.ok("{\"success\": true, \"message\": \"Order ORD-31337 is on its way.\"}");
        });

        String proposalId = UUID.randomUUID().toString();
        String conversationId = "conv-" + UUID.randomUUID();
        kafka.sendBinary(Topics.PROPOSALS, conversationId, proposalId, EventTypes.PROPOSAL_SUBMITTED,
                "/e2e/support-bot", null, Steps.proposal(action, conversationId, Map.of("order_number", "ORD-31337")));

        Awaitility.await().atMost(PATIENCE).until(() -> Steps.deliveriesFor(receiver, proposalId).size() == 1);
        long pid = stack.pid(Service.EXECUTOR_SERVICE);
        stack.kill9(Service.EXECUTOR_SERVICE);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("executor killed").isFalse();
        assertThat(Steps.events(executions, proposalId, EventTypes.EXECUTION_SUCCEEDED)).isEmpty();

        stack.start(Service.EXECUTOR_SERVICE);
        release.countDown();

        KafkaTestClient.await(executions,
                r -> proposalId.equals(r.subject()) && EventTypes.EXECUTION_SUCCEEDED.equals(r.type()), PATIENCE);
        // and it stays at one: a late duplicate would show up here
        Awaitility.await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30))
                .until(() -> distinctIds(Steps.events(executions, proposalId, EventTypes.EXECUTION_SUCCEEDED)) == 1);

        List<WebhookReceiver.Delivery> deliveries = Steps.deliveriesFor(receiver, proposalId);
        assertThat(deliveries).as("delivered again after the crash").hasSizeGreaterThanOrEqualTo(2);
        assertThat(deliveries).allSatisfy(d -> assertThat(d.signatureValid()).isTrue());
        assertThat(deliveries.stream().map(d -> d.header("webhook-id")).distinct().toList())
                .as("one webhook-id across the crash, so the receiver can dedupe").hasSize(1);
        assertThat(Steps.events(executions, proposalId, EventTypes.EXECUTION_FAILED)).isEmpty();

        List<JsonNode> timeline = Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> Steps.timeline(proposalId),
                        entries -> Steps.types(entries).contains(EventTypes.EXECUTION_SUCCEEDED));
        Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> Steps.types(Steps.timeline(proposalId)).stream()
                        .filter(EventTypes.EXECUTION_SUCCEEDED::equals).count() == 1);
        assertThat(Steps.types(timeline)).startsWith(EventTypes.PROPOSAL_SUBMITTED, EventTypes.PROPOSAL_ACCEPTED,
                EventTypes.PROPOSAL_APPROVED).endsWith(EventTypes.EXECUTION_SUCCEEDED);
        Steps.assertChained(Steps.timeline(proposalId));
    }

    private static long distinctIds(List<KafkaTestClient.Received> records) {
        return records.stream().map(KafkaTestClient.Received::id).distinct().count();
    }
}
