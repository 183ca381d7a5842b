package dev.countersign.approval.flows;

import static dev.countersign.approval.Flows.approve;
import static dev.countersign.approval.Flows.awaitEvent;
import static dev.countersign.approval.Flows.dryRunCompleted;
import static dev.countersign.approval.Flows.eventsOf;
import static dev.countersign.approval.Flows.propose;
import static dev.countersign.approval.Flows.read;
import static dev.countersign.approval.Flows.uniqueTenant;
import static dev.countersign.approval.ValidationsFixture.approval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.DryRunCompleted;
import dev.countersign.contracts.events.DryRunOutcome;
import dev.countersign.contracts.events.ExecutionSucceeded;
import dev.countersign.contracts.events.WouldSend;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code dry_run_first} end to end on the real broker: {@code dryrun.requested} → (the executor's)
 * {@code dryrun.completed} on {@code countersign.executions} → {@code approval.requested} showing the outcome and
 * bound to it; stale results ignored, failed ones shown, nobody approving before the outcome is there.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class DryRunFlowTest {
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> approvals;

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        approvals = kafka.watch(Topics.APPROVALS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theDryRunsOutcomeIsShownAndBoundIntoTheDigestBeforeAnyoneApproves() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("dry_run_first", "role:approver", 1, false)).proposalId();
        JsonNode request = awaitEvent(approvals, id, EventTypes.DRYRUN_REQUESTED).json();
        String parametersDigest = request.path("parameters_digest").asText();
        assertThat(request.path("parameters").path("order_number").asText()).isEqualTo("ORD-12345");
        read(tenant, id).body("status", equalTo("pending")).body("dry_run_pending", equalTo(true));
        approve(TestJwt.approver(tenant), id, Map.of()).statusCode(409).body("code", equalTo("dry_run_pending"));

        // Not ours to read: other execution events are ignored (no DLQ, no effect).
        kafka.sendBinary(Topics.EXECUTIONS, id, UUID.randomUUID().toString(), EventTypes.EXECUTION_SUCCEEDED,
                Sources.EXECUTOR_SERVICE, id, new ExecutionSucceeded(id, tenant, 1, 200, "ok", null));
        // A result for other parameters is stale and ignored.
        dryRunCompleted(kafka, new DryRunCompleted(id, tenant, new DryRunOutcome(null, "stale"), true,
                "0".repeat(64)));
        WouldSend wouldSend = new WouldSend("POST", "https://api.example.com/refunds",
                Map.of("content-type", "application/json"), Map.of("order_number", "ORD-12345"));
        dryRunCompleted(kafka, new DryRunCompleted(id, tenant, new DryRunOutcome(wouldSend, null), true,
                parametersDigest));

        JsonNode requested = awaitEvent(approvals, id, EventTypes.APPROVAL_REQUESTED).json();
        assertThat(requested.path("dry_run").path("ok").asBoolean()).isTrue();
        assertThat(requested.path("dry_run").path("outcome").path("would_send").path("url").asText())
                .isEqualTo("https://api.example.com/refunds");
        String digest = requested.path("digest").asText();
        assertThat(digest).isNotEqualTo(parametersDigest);
        read(tenant, id).body("dry_run_pending", equalTo(false))
                .body("dry_run.outcome.would_send.method", equalTo("POST"))
                .body("digest", equalTo(digest));
        assertThat(eventsOf(approvals, id)).extracting(KafkaTestClient.Received::type)
                .containsExactly(EventTypes.DRYRUN_REQUESTED, EventTypes.APPROVAL_REQUESTED);

        approve(TestJwt.approver(tenant), id, Map.of("digest", digest)).statusCode(200)
                .body("status", equalTo("approved"));
        JsonNode receipt = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json().path("approval");
        assertThat(receipt.path("mode").asText()).isEqualTo("dry_run_first");
        assertThat(receipt.path("digest").asText()).isEqualTo(digest);
        assertThat(receipt.path("dry_run").path("ok").asBoolean()).isTrue();
    }

    @Test
    void aFailedDryRunIsShownNotHidden() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("dry_run_first", "end_user", 1, false)).proposalId();
        String parametersDigest = awaitEvent(approvals, id, EventTypes.DRYRUN_REQUESTED).json()
                .path("parameters_digest").asText();

        String eventId = dryRunCompleted(kafka, new DryRunCompleted(id, tenant,
                new DryRunOutcome(null, "The endpoint answered 500."), false, parametersDigest));

        JsonNode requested = awaitEvent(approvals, id, EventTypes.APPROVAL_REQUESTED).json();
        assertThat(requested.path("dry_run").path("ok").asBoolean()).isFalse();
        assertThat(requested.path("dry_run").path("outcome").path("message").asText())
                .isEqualTo("The endpoint answered 500.");
        read(tenant, id).body("dry_run.ok", equalTo(false)).body("status", equalTo("pending"));

        // The same result delivered again changes nothing (inbox).
        kafka.sendBinary(Topics.EXECUTIONS, id, eventId, EventTypes.DRYRUN_COMPLETED, Sources.EXECUTOR_SERVICE, id,
                new DryRunCompleted(id, tenant, new DryRunOutcome(null, "again"), false, parametersDigest));
        String marker = ValidationsFixture.sameRoute(id);
        ValidationsFixture.send(kafka, ValidationsFixture.accepted(marker, tenant, "auto"));
        awaitEvent(approvals, marker, EventTypes.PROPOSAL_APPROVED);
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                eventsOf(approvals, id).size() == 2);
    }

    @Test
    void anEditAsksForANewDryRunAndTheOldResultIsStale() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("dry_run_first", "role:approver", 1, false)).proposalId();
        String first = awaitEvent(approvals, id, EventTypes.DRYRUN_REQUESTED).json().path("parameters_digest").asText();
        dryRunCompleted(kafka, new DryRunCompleted(id, tenant, new DryRunOutcome(null, "refund 42"), true, first));
        awaitEvent(approvals, id, EventTypes.APPROVAL_REQUESTED);

        approve(TestJwt.approver(tenant), id, Map.of("parameters", Map.of("order_number", "ORD-12345",
                "amount", 7))).statusCode(200).body("status", equalTo("pending")).body("dry_run_pending", equalTo(true));
        KafkaTestClient.Received second = KafkaTestClient.await(approvals, r -> id.equals(r.key())
                && EventTypes.DRYRUN_REQUESTED.equals(r.type())
                && !first.equals(r.json().path("parameters_digest").asText()), Duration.ofSeconds(30));
        assertThat(second.json().path("parameters").path("amount").asInt()).isEqualTo(7);
        approve(TestJwt.approver(tenant), id, Map.of()).statusCode(409).body("code", equalTo("dry_run_pending"));
        read(tenant, id).body("may_decide", equalTo(false));
    }
}
