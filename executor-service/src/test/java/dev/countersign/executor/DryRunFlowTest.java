package dev.countersign.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.actions.Execution;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.User;
import dev.countersign.executor.support.RegistryStub;
import dev.countersign.executor.support.RegistryStubResource;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import dev.countersign.testing.WebhookReceiver;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dry runs end to end against the real broker and database: {@code dryrun.requested} on
 * {@code countersign.approvals} in, {@code dryrun.completed} on {@code countersign.executions} out, with the
 * {@code testing} module's receiver standing for the customer endpoint. A dry run must never cause a side effect:
 * no {@code action.execute} reaches the receiver, no execution record appears.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(RegistryStubResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_executor_test"))
class DryRunFlowTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Map<String, Object> PARAMETERS = Map.of("order_number", "ORD-12345", "quantity", 2);
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> executions;
    static List<KafkaTestClient.Received> deadLetters;

    RegistryStub registry;
    WebhookReceiver receiver;
    String secret;

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        executions = kafka.watch(Topics.EXECUTIONS);
        deadLetters = kafka.watch(Topics.dlq(Topics.APPROVALS));
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @BeforeEach
    void receiver() {
        receiver = new WebhookReceiver();
        secret = RegistryStub.newSecret();
        receiver.expectSecret(secret);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** Registers a fresh action with {@code execution}; returns its name. */
    String action(Execution execution) {
        return action(execution, Map.of());
    }

    String action(Execution execution, Map<String, String> credentials) {
        String name = "act_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", name, 1, execution, List.of(secret), credentials);
        return name;
    }

    Execution webhook(String path, String dryRun) {
        return RegistryStub.withDryRun(RegistryStub.webhook(receiver.url(path), 4), dryRun);
    }

    static DryRunRequested requested(String proposalId, String action, String digest) {
        return new DryRunRequested(proposalId, "acme", "support-bot", action, 1, PARAMETERS, "conv-1",
                new User("u-1", "jo@example.com", "Jo"), "ai_intent", digest);
    }

    static ProposalApproved approved(String proposalId, String action) {
        return new ProposalApproved(proposalId, "acme", "support-bot", action, 1,
                List.of(new Decider("alice@acme", "inbox", Instant.parse("2026-11-22T10:29:00Z"))), false,
                PARAMETERS, "conv-1", new User("u-1", "jo@example.com", "Jo"), "ai_intent");
    }

    static void request(String eventId, DryRunRequested data) {
        kafka.sendBinary(Topics.APPROVALS, data.proposalId(), eventId, EventTypes.DRYRUN_REQUESTED,
                Sources.APPROVAL_SERVICE, data.proposalId(), data);
    }

    static String newProposalId() {
        return "prop-" + UUID.randomUUID();
    }

    static String digest() {
        return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    }

    /** The first {@code dryrun.completed} answering request {@code eventId} (its outbox id names the request). */
    static KafkaTestClient.Received awaitCompleted(String eventId) {
        return KafkaTestClient.await(executions, r -> EventTypes.DRYRUN_COMPLETED.equals(r.type())
                && ("dryrun-completed:" + eventId).equals(r.id()), WAIT);
    }

    static List<KafkaTestClient.Received> events(String proposalId, String type) {
        return executions.stream().filter(r -> proposalId.equals(r.key()) && type.equals(r.type())).toList();
    }

    List<WebhookReceiver.Delivery> deliveriesOf(String proposalId) {
        return receiver.deliveries().stream().filter(d -> d.body().contains("\"" + proposalId + "\"")).toList();
    }

    static List<String> types(List<WebhookReceiver.Delivery> deliveries) {
        return deliveries.stream().map(d -> DryRunFlowTest.readJson(d.body()).path("type").asText()).toList();
    }

    @Test
    void simulateShowsTheExactRequestAnExecutionWouldSendWithoutSecretsAndWithoutAnyRequest() {
        String token = "tok-" + UUID.randomUUID();
        // no execution.dry_run: simulate is the default
        String name = action(RegistryStub.withAuth(webhook("/hooks/simulated", null), "ticketing", null, "Bearer"),
                Map.of("ticketing", token));
        String proposalId = newProposalId();
        String digest = digest();
        String eventId = UUID.randomUUID().toString();
        request(eventId, requested(proposalId, name, digest));

        KafkaTestClient.Received completed = awaitCompleted(eventId);
        assertThat(completed.header("ce_source")).isEqualTo(Sources.EXECUTOR_SERVICE);
        assertThat(completed.key()).isEqualTo(proposalId);
        assertThat(completed.subject()).isEqualTo(proposalId);
        JsonNode data = completed.json();
        assertThat(data.path("proposal_id").asText()).isEqualTo(proposalId);
        assertThat(data.path("tenant").asText()).isEqualTo("acme");
        assertThat(data.path("parameters_digest").asText()).isEqualTo(digest);
        assertThat(data.path("ok").asBoolean()).isTrue();
        assertThat(data.path("outcome").has("message")).isFalse();

        JsonNode wouldSend = data.path("outcome").path("would_send");
        assertThat(wouldSend.path("method").asText()).isEqualTo("POST");
        assertThat(wouldSend.path("url").asText()).isEqualTo(receiver.url("/hooks/simulated"));
        JsonNode headers = wouldSend.path("headers");
        List<String> names = new ArrayList<>();
        headers.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("content-type", "user-agent", "webhook-id", "webhook-timestamp");
        assertThat(headers.path("content-type").asText()).isEqualTo("application/json");
        assertThat(headers.path("user-agent").asText()).startsWith("Countersign/");
        assertThat(headers.path("webhook-id").asText()).startsWith("dryrun_");
        assertThat(headers.path("webhook-timestamp").asLong())
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
        // no secret travels: not the credential, not the signing secret, not a signature
        assertThat(completed.value()).doesNotContain(token).doesNotContain("whsec_").doesNotContain("v1,");

        JsonNode body = wouldSend.path("body");
        assertThat(body.path("type").asText()).isEqualTo("action.execute");
        assertThat(body.path("proposal_id").asText()).isEqualTo(proposalId);
        assertThat(body.path("parameters")).isEqualTo(Json.mapper().valueToTree(PARAMETERS));

        // simulate made no request at all, and a dry run leaves no execution behind
        assertThat(receiver.deliveries()).isEmpty();
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId).then().statusCode(404);

        // the execution that follows sends what the simulation showed (its own id, time, signature and deciders)
        kafka.sendBinary(Topics.APPROVALS, proposalId, proposalId, EventTypes.PROPOSAL_APPROVED,
                Sources.APPROVAL_SERVICE, proposalId, approved(proposalId, name));
        KafkaTestClient.await(executions, r -> proposalId.equals(r.key())
                && EventTypes.EXECUTION_SUCCEEDED.equals(r.type()), WAIT);
        WebhookReceiver.Delivery executed = deliveriesOf(proposalId).get(0);
        assertThat(executed.header("authorization")).isEqualTo("Bearer " + token);
        assertThat(executed.header("user-agent")).isEqualTo(headers.path("user-agent").asText());
        assertThat(executed.header("content-type")).isEqualTo(headers.path("content-type").asText());
        assertThat(executed.header("webhook-id")).startsWith("msg_");
        com.fasterxml.jackson.databind.node.ObjectNode sent = (com.fasterxml.jackson.databind.node.ObjectNode)
                readJson(executed.body());
        com.fasterxml.jackson.databind.node.ObjectNode shown = body.deepCopy();
        sent.remove("timestamp");
        shown.remove("timestamp");
        ((com.fasterxml.jackson.databind.node.ObjectNode) sent.path("context")).remove("decided_by");
        assertThat(shown).isEqualTo(sent);
    }

    @Test
    void simulateReportsThatAnExecutionWouldBeRefused() {
        int port = Integer.parseInt(receiver.url("").replaceAll(".*:(\\d+).*", "$1"));
        // 127.0.0.2 is loopback outside the test allow-list: refused without any DNS or connection
        String loopback = action(RegistryStub.webhook("http://127.0.0.2:" + port + "/hooks/internal", 4));
        String withUserInfo = action(RegistryStub.webhook("http://user:pw@127.0.0.1:" + port + "/hooks/x", 4));
        String noCredential = action(RegistryStub.withAuth(webhook("/hooks/nocred", "simulate"), "ticketing", null,
                "Bearer"));
        String template = action(new Execution("http_template", null, null, null, null));

        Map<String, String> expected = Map.of(loopback, "loopback", withUserInfo, "Credentials in the URL",
                noCredential, "ticketing", template, "'http_template' is not supported");
        expected.forEach((name, reason) -> {
            String proposalId = newProposalId();
            String eventId = UUID.randomUUID().toString();
            String digest = digest();
            request(eventId, requested(proposalId, name, digest));
            JsonNode data = awaitCompleted(eventId).json();
            assertThat(data.path("ok").asBoolean()).as(name).isFalse();
            assertThat(data.path("parameters_digest").asText()).isEqualTo(digest);
            assertThat(data.path("outcome").has("would_send")).isFalse();
            assertThat(data.path("outcome").path("message").asText()).startsWith("An execution would not be sent")
                    .contains(reason);
        });
        assertThat(receiver.deliveries()).isEmpty();
    }

    @Test
    void anEndpointDryRunPostsOneSignedActionDryRunWithItsOwnWebhookIdAndRelaysTheAnswer() {
        String token = "tok-" + UUID.randomUUID();
        String name = action(RegistryStub.withAuth(webhook("/hooks/endpoint", "endpoint"), "ticketing", "X-Api-Key",
                null), Map.of("ticketing", token));
        receiver.respondWith(d -> readJson(d.body()).path("type").asText().equals("action.dry_run")
                ? WebhookReceiver.Reply.ok("{\"success\": true, \"message\": \"Would ship 2 items of ORD-12345.\"}")
                : WebhookReceiver.Reply.ok("{\"success\": true, \"message\": \"Shipped.\"}"));
        String proposalId = newProposalId();
        String digest = digest();
        String eventId = UUID.randomUUID().toString();
        request(eventId, requested(proposalId, name, digest));

        JsonNode data = awaitCompleted(eventId).json();
        assertThat(data.path("ok").asBoolean()).isTrue();
        assertThat(data.path("parameters_digest").asText()).isEqualTo(digest);
        assertThat(data.path("outcome").path("message").asText()).isEqualTo("Would ship 2 items of ORD-12345.");
        assertThat(data.path("outcome").has("would_send")).isFalse();

        assertThat(deliveriesOf(proposalId)).singleElement().satisfies(d -> {
            assertThat(d.signatureValid()).isTrue();
            assertThat(d.header("webhook-id")).startsWith("dryrun_");
            assertThat(d.header("x-api-key")).as("authenticated like an execution").isEqualTo(token);
            JsonNode body = readJson(d.body());
            assertThat(body.path("type").asText()).isEqualTo("action.dry_run");
            assertThat(body.path("parameters")).isEqualTo(Json.mapper().valueToTree(PARAMETERS));
            assertThat(body.path("context").path("tenant").asText()).isEqualTo("acme");
        });
        assertThat(executions.stream().filter(r -> proposalId.equals(r.key())).map(KafkaTestClient.Received::value))
                .noneMatch(v -> v.contains(token));
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId).then().statusCode(404);
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).isEmpty();

        // the execution afterwards is a separate delivery with a different webhook-id
        kafka.sendBinary(Topics.APPROVALS, proposalId, proposalId, EventTypes.PROPOSAL_APPROVED,
                Sources.APPROVAL_SERVICE, proposalId, approved(proposalId, name));
        KafkaTestClient.await(executions, r -> proposalId.equals(r.key())
                && EventTypes.EXECUTION_SUCCEEDED.equals(r.type()), WAIT);
        List<WebhookReceiver.Delivery> all = deliveriesOf(proposalId);
        assertThat(types(all)).containsExactly("action.dry_run", "action.execute");
        assertThat(all.get(1).header("webhook-id")).startsWith("msg_").isNotEqualTo(all.get(0).header("webhook-id"));
    }

    @Test
    void anEndpointsRefusalsAndErrorsAreFailedOutcomesAfterOneAttempt() {
        String name = action(webhook("/hooks/picky", "endpoint"));
        Map<String, WebhookReceiver.Reply> replies = Map.of(
                "declined", WebhookReceiver.Reply.ok("{\"success\": false, \"error\": \"order ORD-12345 is closed\"}"),
                "client", new WebhookReceiver.Reply(422, "{\"error\": \"quantity too high\"}"),
                "server", new WebhookReceiver.Reply(503, "{\"error\": \"maintenance\"}"));
        Map<String, String> proposals = new java.util.HashMap<>();
        replies.keySet().forEach(k -> proposals.put(newProposalId(), k));
        receiver.respondWith(d -> replies.get(proposals.get(readJson(d.body()).path("proposal_id").asText())));

        Map<String, String> expected = Map.of("declined", "reported a problem: order ORD-12345 is closed",
                "client", "HTTP 422: quantity too high", "server", "HTTP 503: maintenance");
        proposals.forEach((proposalId, kind) -> {
            String eventId = UUID.randomUUID().toString();
            request(eventId, requested(proposalId, name, digest()));
            JsonNode data = awaitCompleted(eventId).json();
            assertThat(data.path("ok").asBoolean()).as(kind).isFalse();
            assertThat(data.path("outcome").path("message").asText()).as(kind).contains(expected.get(kind));
            // not retried, although the definition allows 4 attempts and a 503 would be retried by an execution
            assertThat(deliveriesOf(proposalId)).as(kind).hasSize(1);
            assertThat(types(deliveriesOf(proposalId))).containsExactly("action.dry_run");
        });
        assertThat(receiver.deliveries()).noneMatch(d -> d.body().contains("\"action.execute\""));
    }

    @Test
    void aSlowEndpointIsBoundedByTheTimeoutAndDoesNotHoldUpLaterEvents() throws Exception {
        String slow = action(RegistryStub.withDryRun(RegistryStub.webhook(receiver.url("/hooks/slow"), 4, 300),
                "endpoint"));
        String fast = action(webhook("/hooks/fast", "endpoint"));
        CountDownLatch release = new CountDownLatch(1);
        receiver.respondWith(d -> {
            if (d.body().contains("\"" + slow + "\"")) {
                try {
                    // held far past the 300 ms timeout; released at the end of the test
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return WebhookReceiver.Reply.ok("{\"success\": true}");
        });
        try {
            String proposalId = newProposalId();
            String eventId = UUID.randomUUID().toString();
            request(eventId, requested(proposalId, slow, digest()));
            // the next request on the same key (same partition) is answered after it, not stuck behind it
            String nextId = UUID.randomUUID().toString();
            DryRunRequested next = requested(newProposalId(), fast, digest());
            kafka.sendBinary(Topics.APPROVALS, proposalId, nextId, EventTypes.DRYRUN_REQUESTED,
                    Sources.APPROVAL_SERVICE, next.proposalId(), next);

            JsonNode data = awaitCompleted(eventId).json();
            assertThat(data.path("ok").asBoolean()).isFalse();
            assertThat(data.path("outcome").path("message").asText()).contains("did not answer within 300 ms");
            JsonNode following = awaitCompleted(nextId).json();
            assertThat(following.path("ok").asBoolean()).isTrue();
            assertThat(following.path("outcome").path("message").asText()).contains("HTTP 200");
            assertThat(deliveriesOf(proposalId)).hasSize(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anEndpointAtARefusedDestinationIsNotCalled() {
        int port = Integer.parseInt(receiver.url("").replaceAll(".*:(\\d+).*", "$1"));
        String name = action(RegistryStub.withDryRun(
                RegistryStub.webhook("http://127.0.0.2:" + port + "/hooks/internal", 4), "endpoint"));
        String eventId = UUID.randomUUID().toString();
        request(eventId, requested(newProposalId(), name, digest()));

        JsonNode data = awaitCompleted(eventId).json();
        assertThat(data.path("ok").asBoolean()).isFalse();
        assertThat(data.path("outcome").path("message").asText()).contains("was not sent").contains("loopback");
        assertThat(receiver.deliveries()).isEmpty();
    }

    @Test
    void aRedeliveredRequestIsNotRunTwiceAndARepeatedDryRunKeepsItsWebhookId() {
        String name = action(webhook("/hooks/once", "endpoint"));
        String proposalId = newProposalId();
        String digest = digest();
        DryRunRequested event = requested(proposalId, name, digest);
        String eventId = UUID.randomUUID().toString();
        request(eventId, event);
        awaitCompleted(eventId);
        // the same event again (a redelivery), then another request on the same key, handled after it
        request(eventId, event);
        String againId = UUID.randomUUID().toString();
        request(againId, event);
        awaitCompleted(againId);

        assertThat(executions.stream().filter(r -> ("dryrun-completed:" + eventId).equals(r.id()))).hasSize(1);
        List<WebhookReceiver.Delivery> deliveries = deliveriesOf(proposalId);
        assertThat(deliveries).as("the redelivery did not call the endpoint; the new request did").hasSize(2);
        assertThat(deliveries.get(1).header("webhook-id")).as("same proposal and parameters, same id")
                .isEqualTo(deliveries.get(0).header("webhook-id"));

        // edited parameters (a new digest) are a different dry run
        String editedId = UUID.randomUUID().toString();
        request(editedId, requested(proposalId, name, digest()));
        awaitCompleted(editedId);
        assertThat(deliveriesOf(proposalId)).hasSize(3);
        assertThat(deliveriesOf(proposalId).get(2).header("webhook-id"))
                .isNotEqualTo(deliveries.get(0).header("webhook-id"));
        assertThat(types(deliveriesOf(proposalId))).containsOnly("action.dry_run");
        assertThat(events(proposalId, EventTypes.DRYRUN_COMPLETED)).hasSize(3);
    }

    @Test
    void anUnknownVersionOrStyleIsAFailedOutcome() {
        String proposalId = newProposalId();
        String eventId = UUID.randomUUID().toString();
        request(eventId, requested(proposalId, "never_registered", digest()));
        JsonNode data = awaitCompleted(eventId).json();
        assertThat(data.path("ok").asBoolean()).isFalse();
        assertThat(data.path("outcome").path("message").asText()).contains("does not exist");

        String odd = action(webhook("/hooks/odd", "replay"));
        String oddId = UUID.randomUUID().toString();
        request(oddId, requested(newProposalId(), odd, digest()));
        JsonNode oddData = awaitCompleted(oddId).json();
        assertThat(oddData.path("ok").asBoolean()).isFalse();
        assertThat(oddData.path("outcome").path("message").asText()).contains("'replay'");
        assertThat(receiver.deliveries()).isEmpty();
    }

    @Test
    void anUnusableRequestIsDeadLettered() {
        String proposalId = newProposalId();
        kafka.sendBinary(Topics.APPROVALS, proposalId, "bad-" + proposalId, EventTypes.DRYRUN_REQUESTED,
                Sources.APPROVAL_SERVICE, proposalId, Map.of("proposal_id", proposalId, "tenant", "acme",
                        "assistant", "support-bot", "action", "x", "action_version", 0));
        KafkaTestClient.Received dead = KafkaTestClient.await(deadLetters, r -> proposalId.equals(r.key()), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("action_version");
        assertThat(events(proposalId, EventTypes.DRYRUN_COMPLETED)).isEmpty();
    }

    static JsonNode readJson(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
