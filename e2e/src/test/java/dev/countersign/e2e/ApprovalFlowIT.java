package dev.countersign.e2e;

import static dev.countersign.e2e.Steps.ASSISTANT;
import static dev.countersign.e2e.Steps.PATIENCE;
import static dev.countersign.e2e.Steps.TENANT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.local.Service;
import dev.countersign.local.Tokens;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Humans decide, across all five services (DESIGN §4b, §5): a {@code require_approval} proposal waits for an
 * eligible approver and is delivered once with its approval receipt; a proposer never approves their own
 * proposal; {@code dry_run_first} shows a side-effect-free simulation before anyone decides; an end user decides
 * in the chat over the tenant's decisions topic; a denied proposal is never delivered.
 */
@ExtendWith(E2eStack.class)
class ApprovalFlowIT {
    static final String PROBLEM_JSON = "application/problem+json";
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> approvals;
    static List<KafkaTestClient.Received> executions;

    /** A receiver of this test's own, so "exactly one" and "none" count only this test's action. */
    final WebhookReceiver receiver = new WebhookReceiver();

    @BeforeAll
    static void setUp() {
        kafka = new KafkaTestClient(Steps.stack().kafkaBootstrapServers());
        approvals = kafka.watch(Topics.APPROVALS);
        executions = kafka.watch(Topics.EXECUTIONS);
    }

    @AfterAll
    static void tearDown() {
        kafka.close();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    // --- (a) require_approval, role:approver, decided over REST ---------------------------------------------------

    @Test
    void aRequireApprovalProposalWaitsForTheApproverAndIsDeliveredOnceWithItsSignedReceipt() throws Exception {
        String action = Steps.uniqueAction();
        receiver.expectSecret(Steps.defineAction(action, receiver.url("/hooks/" + action), """
                {"mode": "require_approval", "approver": "role:approver", "quorum": 1, "forbid_self_approval": true}
                """, null));
        String user = "customer-" + UUID.randomUUID();
        String id = Steps.submit(proposal(action, user, null));

        awaitPendingFor(approverToken(), action, id);
        JsonNode approval = approval(id, approverToken());
        assertThat(approval.path("status").asText()).isEqualTo("pending");
        assertThat(approval.path("proposal_id").asText()).isEqualTo(id);
        assertThat(approval.path("assistant").asText()).isEqualTo(ASSISTANT);
        assertThat(approval.path("action").asText()).isEqualTo(action);
        assertThat(approval.path("action_version").asInt()).isEqualTo(1);
        assertThat(approval.path("user").path("id").asText()).isEqualTo(user);
        assertThat(approval.path("parameters").path("order_number").asText()).isEqualTo("ORD-1001");
        assertThat(approval.path("proposed_parameters").path("order_number").asText()).isEqualTo("ORD-1001");
        assertThat(approval.path("required").path("approver").asText()).isEqualTo("role:approver");
        assertThat(approval.path("required").path("quorum").asInt()).isEqualTo(1);
        assertThat(approval.path("required").path("forbid_self_approval").asBoolean()).isTrue();
        assertThat(approval.path("decisions")).isEmpty();
        assertThat(approval.path("expires_at").asText()).isNotBlank();
        String digest = approval.path("digest").asText();
        // what the receipt promises a receiver: the digest is recomputable from exactly what will run
        assertThat(digest).matches("[0-9a-f]{64}").isEqualTo(Steps.canonicalSha256(Steps.json("""
                {"action": "%s", "action_version": 1, "parameters": {"order_number": "ORD-1001"}}
                """.formatted(action))));
        var requested = KafkaTestClient.await(approvals, event(id, EventTypes.APPROVAL_REQUESTED), PATIENCE);
        assertThat(requested.json().path("digest").asText()).isEqualTo(digest);
        assertThat(receiver.deliveries()).as("nothing runs before a human decides").isEmpty();

        approvalsApi(approverToken()).body(Map.of("digest", digest, "comment", "Looks right."))
                .when().post("/v1/approvals/{id}/approve", id)
                .then().statusCode(200);

        KafkaTestClient.await(executions, event(id, EventTypes.EXECUTION_SUCCEEDED), PATIENCE);
        List<WebhookReceiver.Delivery> deliveries = Steps.deliveriesFor(receiver, id);
        assertThat(deliveries).hasSize(1);
        WebhookReceiver.Delivery delivery = deliveries.get(0);
        assertThat(delivery.signatureValid()).as("v1 signature covers the body, receipt included").isTrue();
        assertThat(Steps.v1aVerifies(delivery, Steps.publicKey(action))).isTrue();
        JsonNode body = Steps.json(delivery.body());
        assertThat(body.path("type").asText()).isEqualTo("action.execute");
        JsonNode receipt = body.path("context").path("approval");
        assertThat(receipt.path("mode").asText()).isEqualTo("require_approval");
        assertThat(receipt.path("digest").asText()).isEqualTo(digest)
                .isEqualTo(Steps.canonicalSha256(Steps.json("{\"action\": " + body.path("action")
                        + ", \"action_version\": " + body.path("action_version")
                        + ", \"parameters\": " + body.path("parameters") + "}")));
        assertThat(receipt.path("approver").asText()).isEqualTo("role:approver");
        assertThat(receipt.path("quorum").asInt()).isEqualTo(1);
        assertThat(receipt.path("forbid_self_approval").asBoolean()).isTrue();
        assertThat(receipt.path("proposed_parameters").isMissingNode() || receipt.path("proposed_parameters").isNull())
                .as("nobody edited the parameters").isTrue();
        JsonNode decider = single(receipt.path("decided_by"));
        assertThat(decider.path("actor").asText()).isEqualTo(Tokens.approverSubject(TENANT));
        assertThat(decider.path("channel").asText()).isEqualTo("rest");
        assertThat(decider.path("comment").asText()).isEqualTo("Looks right.");
        assertThat(decider.path("at").asText()).isNotBlank();
        assertThat(single(body.path("context").path("decided_by")).path("actor").asText())
                .isEqualTo(Tokens.approverSubject(TENANT));

        JsonNode decided = approval(id, approverToken());
        assertThat(decided.path("status").asText()).isEqualTo("approved");
        assertThat(single(decided.path("decisions")).path("actor").asText()).isEqualTo(Tokens.approverSubject(TENANT));
        assertThat(pendingFor(approverToken(), action)).doesNotContain(id);
        var approved = KafkaTestClient.await(approvals, event(id, EventTypes.PROPOSAL_APPROVED), PATIENCE);
        assertThat(approved.json().path("auto").asBoolean()).isFalse();
        assertThat(approved.json().path("approval").path("digest").asText()).isEqualTo(digest);
        assertThat(Steps.events(executions, id, EventTypes.EXECUTION_FAILED)).isEmpty();
    }

    // --- (b) forbid_self_approval ------------------------------------------------------------------------------

    @Test
    void theProposingUserCannotApproveTheirOwnProposalEvenWithTheApproverRole() {
        String action = Steps.uniqueAction();
        receiver.expectSecret(Steps.defineAction(action, receiver.url("/hooks/" + action), """
                {"mode": "require_approval", "approver": "role:approver", "forbid_self_approval": true}
                """, null));
        // the approver proposes for themselves
        String id = Steps.submit(proposal(action, Tokens.approverSubject(TENANT), null));
        JsonNode approval = awaitApproval(id, adminToken(), a -> "pending".equals(a.path("status").asText()));

        assertThat(pendingFor(approverToken(), action)).as("not listed as decidable by its proposer").doesNotContain(id);
        approvalsApi(approverToken()).body(Map.of("digest", approval.path("digest").asText()))
                .when().post("/v1/approvals/{id}/approve", id)
                .then().statusCode(403).contentType(PROBLEM_JSON).body("code", equalTo("not_eligible"));

        JsonNode after = approval(id, adminToken());
        assertThat(after.path("status").asText()).isEqualTo("pending");
        assertThat(after.path("decisions")).isEmpty();
        assertThat(Steps.events(approvals, id, EventTypes.PROPOSAL_APPROVED)).isEmpty();
        assertThat(receiver.deliveries()).isEmpty();
    }

    // --- (c) dry_run_first with a simulation -------------------------------------------------------------------

    @Test
    void dryRunFirstShowsTheSimulatedRequestWithoutCallingTheReceiverAndRunsOnceAfterApproval() {
        String action = Steps.uniqueAction();
        String url = receiver.url("/hooks/" + action);
        String secret = Steps.defineAction(action, url, """
                {"mode": "dry_run_first", "approver": "role:approver"}
                """, "simulate");
        receiver.expectSecret(secret);
        String id = Steps.submit(proposal(action, "customer-" + UUID.randomUUID(), null));

        JsonNode approval = awaitApproval(id, approverToken(), a -> a.path("dry_run").isObject());
        assertThat(approval.path("status").asText()).isEqualTo("pending");
        JsonNode dryRun = approval.path("dry_run");
        assertThat(dryRun.path("ok").asBoolean()).as(dryRun.toString()).isTrue();
        JsonNode wouldSend = dryRun.path("outcome").path("would_send");
        assertThat(wouldSend.path("method").asText()).isEqualTo("POST");
        assertThat(wouldSend.path("url").asText()).isEqualTo(url);
        assertThat(wouldSend.path("headers").isObject()).isTrue();
        assertThat(wouldSend.path("body").path("proposal_id").asText()).isEqualTo(id);
        assertThat(wouldSend.path("body").path("parameters").path("order_number").asText()).isEqualTo("ORD-1001");
        assertThat(dryRun.toString()).as("no secret in what approvers see")
                .doesNotContain(secret.substring("whsec_".length()));
        var completed = KafkaTestClient.await(executions, event(id, EventTypes.DRYRUN_COMPLETED), PATIENCE);
        assertThat(completed.json().path("ok").asBoolean()).isTrue();
        assertThat(Steps.events(approvals, id, EventTypes.DRYRUN_REQUESTED)).hasSize(1);
        // a simulation makes no network call: the receiver has seen nothing at all
        assertThat(receiver.deliveries()).isEmpty();

        awaitPendingFor(approverToken(), action, id);
        String digest = approval(id, approverToken()).path("digest").asText();
        approvalsApi(approverToken()).body(Map.of("digest", digest))
                .when().post("/v1/approvals/{id}/approve", id)
                .then().statusCode(200);

        KafkaTestClient.await(executions, event(id, EventTypes.EXECUTION_SUCCEEDED), PATIENCE);
        assertThat(receiver.deliveries()).hasSize(1);
        WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertThat(delivery.signatureValid()).isTrue();
        JsonNode body = Steps.json(delivery.body());
        assertThat(body.path("type").asText()).isEqualTo("action.execute");
        assertThat(body.path("parameters")).isEqualTo(wouldSend.path("body").path("parameters"));
        JsonNode receipt = body.path("context").path("approval");
        assertThat(receipt.path("mode").asText()).isEqualTo("dry_run_first");
        assertThat(receipt.path("digest").asText()).isEqualTo(digest);
        assertThat(receipt.path("dry_run").path("ok").asBoolean()).isTrue();
        assertThat(single(receipt.path("decided_by")).path("actor").asText()).isEqualTo(Tokens.approverSubject(TENANT));
    }

    // --- (d) chat decisions on the tenant's decisions topic ----------------------------------------------------

    @Test
    void anEndUserConfirmingInTheChatGetsTheActionRunAndARecordNamingAnotherTenantIsRefusedForbidden() {
        String action = Steps.uniqueAction();
        receiver.expectSecret(Steps.defineAction(action, receiver.url("/hooks/" + action), """
                {"mode": "require_approval", "approver": "end_user"}
                """, null));
        String decisions = Topics.DECISIONS + "." + TENANT;

        String user = "customer-" + UUID.randomUUID();
        String id = Steps.submit(proposal(action, user, null));
        awaitApproval(id, adminToken(), a -> "pending".equals(a.path("status").asText()));
        kafka.sendBinary(decisions, id, UUID.randomUUID().toString(), EventTypes.DECISION_SUBMITTED, "/e2e/chatbot", id,
                decision(id, TENANT, user));

        KafkaTestClient.await(executions, event(id, EventTypes.EXECUTION_SUCCEEDED), PATIENCE);
        assertThat(Steps.deliveriesFor(receiver, id)).hasSize(1);
        WebhookReceiver.Delivery delivery = Steps.deliveriesFor(receiver, id).get(0);
        assertThat(delivery.signatureValid()).isTrue();
        JsonNode receipt = Steps.json(delivery.body()).path("context").path("approval");
        assertThat(receipt.path("approver").asText()).isEqualTo("end_user");
        JsonNode decider = single(receipt.path("decided_by"));
        assertThat(decider.path("actor").asText()).isEqualTo(user);
        assertThat(decider.path("channel").asText()).isEqualTo("chat");
        assertThat(approval(id, adminToken()).path("status").asText()).isEqualTo("approved");

        // Kafka cannot say who wrote a record: on acme's topic, a decision naming another tenant is refused
        String other = "customer-" + UUID.randomUUID();
        String id2 = Steps.submit(proposal(action, other, null));
        awaitApproval(id2, adminToken(), a -> "pending".equals(a.path("status").asText()));
        kafka.sendBinary(decisions, id2, UUID.randomUUID().toString(), EventTypes.DECISION_SUBMITTED, "/e2e/chatbot",
                id2, decision(id2, "globex", other));

        var refused = KafkaTestClient.await(approvals, r -> EventTypes.DECISION_REFUSED.equals(r.type())
                && id2.equals(r.json().path("proposal_id").asText()), PATIENCE);
        assertThat(refused.json().path("code").asText()).isEqualTo("forbidden");
        assertThat(refused.json().path("tenant").asText()).as("answered to the topic's tenant").isEqualTo(TENANT);
        assertThat(refused.json().path("message").asText()).isNotBlank();
        assertThat(approval(id2, adminToken()).path("status").asText()).isEqualTo("pending");
        assertThat(Steps.events(approvals, id2, EventTypes.PROPOSAL_APPROVED)).isEmpty();
        assertThat(Steps.deliveriesFor(receiver, id2)).isEmpty();
    }

    // --- (e) a denied proposal is never delivered --------------------------------------------------------------

    @Test
    void aDeniedProposalIsNeverDelivered() {
        String action = Steps.uniqueAction();
        receiver.expectSecret(Steps.defineAction(action, receiver.url("/hooks/" + action), """
                {"mode": "require_approval", "approver": "role:approver"}
                """, null));
        String id = Steps.submit(proposal(action, "customer-" + UUID.randomUUID(), null));
        awaitPendingFor(approverToken(), action, id);

        approvalsApi(approverToken()).body(Map.of("reason", "Not for this customer."))
                .when().post("/v1/approvals/{id}/deny", id)
                .then().statusCode(200);

        var denied = KafkaTestClient.await(approvals, event(id, EventTypes.PROPOSAL_DENIED), PATIENCE);
        assertThat(single(denied.json().path("decided_by")).path("actor").asText())
                .isEqualTo(Tokens.approverSubject(TENANT));
        assertThat(approval(id, approverToken()).path("status").asText()).isEqualTo("denied");
        approvalsApi(approverToken()).body(Map.of())
                .when().post("/v1/approvals/{id}/approve", id)
                .then().statusCode(409).contentType(PROBLEM_JSON).body("code", equalTo("already_decided"));

        // A barrier: a proposal approved after the denial whose events share its partition of
        // countersign.approvals. The executor reads a partition in order, so once the barrier is delivered it
        // has read the denial too; only then does "no delivery" mean "never".
        String barrier = idOnSamePartition(Topics.APPROVALS, id);
        Map<String, Object> body = proposal(action, "customer-" + UUID.randomUUID(), barrier);
        assertThat(Steps.submit(body)).isEqualTo(barrier);
        awaitPendingFor(approverToken(), action, barrier);
        approvalsApi(approverToken()).body(Map.of())
                .when().post("/v1/approvals/{id}/approve", barrier)
                .then().statusCode(200);
        KafkaTestClient.await(executions, event(barrier, EventTypes.EXECUTION_SUCCEEDED), PATIENCE);

        assertThat(Steps.deliveriesFor(receiver, barrier)).hasSize(1);
        assertThat(Steps.deliveriesFor(receiver, id)).isEmpty();
        assertThat(executions).noneMatch(r -> id.equals(r.subject()));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    // --- (f) a crash mid-wait loses nothing ------------------------------------------------------------------------

    @Test
    void killingTheApprovalServiceWhileAProposalWaitsLosesNothingAndItRunsOnceWhenApproved() {
        String action = Steps.uniqueAction();
        receiver.expectSecret(Steps.defineAction(action, receiver.url("/hooks/" + action), """
                {"mode": "require_approval", "approver": "role:approver"}
                """, null));
        String id = Steps.submit(proposal(action, "customer-" + UUID.randomUUID(), null));
        awaitPendingFor(approverToken(), action, id);
        String digest = approval(id, approverToken()).path("digest").asText();

        Steps.stack().kill9(Service.APPROVAL_SERVICE);
        Steps.stack().start(Service.APPROVAL_SERVICE);

        // the pending approval, its policy and digest are where they were
        JsonNode after = approval(id, approverToken());
        assertThat(after.path("status").asText()).isEqualTo("pending");
        assertThat(after.path("digest").asText()).isEqualTo(digest);
        assertThat(pendingFor(approverToken(), action)).containsExactly(id);
        approvalsApi(approverToken()).body(Map.of("digest", digest)).when().post("/v1/approvals/{id}/approve", id)
                .then().statusCode(200).body("status", equalTo("approved"));
        KafkaTestClient.await(executions, event(id, EventTypes.EXECUTION_SUCCEEDED), PATIENCE);
        assertThat(Steps.deliveriesFor(receiver, id)).hasSize(1);
        assertThat(approvals.stream().filter(event(id, EventTypes.PROPOSAL_APPROVED)).count())
                .as("approved once, across the crash").isEqualTo(1);
    }

    private static String approverToken() {
        return Steps.stack().tokens().approver();
    }

    private static String adminToken() {
        return Steps.stack().tokens().admin();
    }

    private static RequestSpecification approvalsApi(String token) {
        return given().baseUri(Steps.stack().url(Service.APPROVAL_SERVICE)).auth().oauth2(token)
                .contentType(ContentType.JSON);
    }

    /** A proposal of {@code action} for end user {@code userId}, with {@code proposalId} when not null. */
    private static Map<String, Object> proposal(String action, String userId, String proposalId) {
        Map<String, Object> body = new LinkedHashMap<>(Steps.proposal(action, "conv-" + UUID.randomUUID(),
                Map.of("order_number", "ORD-1001")));
        body.put("user", Map.of("id", userId));
        body.put("reason", "The customer asked where their order is.");
        if (proposalId != null) {
            body.put("proposal_id", proposalId);
        }
        return body;
    }

    /** The data of a chat {@code decision.submitted}: {@code actor} approves. */
    private static Map<String, Object> decision(String proposalId, String tenant, String actor) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("proposal_id", proposalId);
        data.put("tenant", tenant);
        data.put("decision", "approve");
        data.put("actor", Map.of("id", actor));
        data.put("comment", "Yes, go ahead.");
        return data;
    }

    private static Predicate<KafkaTestClient.Received> event(String proposalId, String type) {
        return r -> proposalId.equals(r.subject()) && type.equals(r.type());
    }

    /** GET /v1/approvals/{id} with {@code token}: must answer 200. */
    private static JsonNode approval(String id, String token) {
        String body = approvalsApi(token).when().get("/v1/approvals/{id}", id)
                .then().statusCode(200).extract().asString();
        return Steps.json(body);
    }

    /** Waits until the approval exists (404 until the approval service has read the acceptance) and matches. */
    private static JsonNode awaitApproval(String id, String token, Predicate<JsonNode> match) {
        return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            var response = approvalsApi(token).when().get("/v1/approvals/{id}", id);
            if (response.statusCode() == 404) {
                return null;
            }
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            return Steps.json(response.asString());
        }, a -> a != null && match.test(a));
    }

    /** The proposal ids {@code GET /v1/approvals?status=pending&action=} lists for {@code token}. */
    private static List<String> pendingFor(String token, String action) {
        String body = approvalsApi(token).queryParam("status", "pending").queryParam("action", action)
                .queryParam("limit", 500)
                .when().get("/v1/approvals")
                .then().statusCode(200).extract().asString();
        List<String> ids = new ArrayList<>();
        Steps.json(body).path("items").forEach(item -> ids.add(item.path("proposal_id").asText()));
        return ids;
    }

    private static void awaitPendingFor(String token, String action, String id) {
        Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> pendingFor(token, action).contains(id));
    }

    private static JsonNode single(JsonNode array) {
        assertThat(array.isArray()).as(array.toString()).isTrue();
        assertThat(array).as(array.toString()).hasSize(1);
        return array.get(0);
    }

    /** A fresh proposal id whose records land on the same partition of {@code topic} as {@code id}'s (key = id). */
    private static String idOnSamePartition(String topic, String id) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Steps.stack().kafkaBootstrapServers());
        int partitions;
        try (Admin admin = Admin.create(p)) {
            partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (Exception e) {
            throw new IllegalStateException("could not describe " + topic, e);
        }
        int wanted = partition(id, partitions);
        while (true) {
            String candidate = UUID.randomUUID().toString();
            if (partition(candidate, partitions) == wanted) {
                return candidate;
            }
        }
    }

    /** The producer's default partitioner for a keyed record. */
    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
