package dev.countersign.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.ApprovalReceipt;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.User;
import dev.countersign.executor.client.RegistryClient;
import dev.countersign.executor.support.RegistryStub;
import dev.countersign.executor.support.RegistryStubResource;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import dev.countersign.testing.WebhookReceiver;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor end to end against the real broker and database: approved events in, signed webhooks out to a
 * receiver that verifies them with the reference library, execution events on {@code countersign.executions}.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(RegistryStubResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_executor_test"))
class ExecutionFlowTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> executions;
    static List<KafkaTestClient.Received> deadLetters;

    RegistryStub registry;
    @Inject
    Pool pool;
    @Inject
    @CacheName(RegistryClient.CACHE)
    Cache registryCache;
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

    /** Registers a fresh action delivering to {@code url}; returns its name. */
    String action(String url, int maxAttempts) {
        String name = "act_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", name, 1, RegistryStub.webhook(url, maxAttempts), List.of(secret));
        return name;
    }

    static ProposalApproved approved(String proposalId, String action) {
        return new ProposalApproved(proposalId, "acme", "support-bot", action, 1,
                List.of(new Decider("alice@acme", "inbox", Instant.parse("2026-11-22T10:29:00Z"))), false,
                Map.of("order_number", "ORD-12345", "quantity", 2), "conv-1",
                new User("u-1", "jo@example.com", "Jo"), "ai_intent");
    }

    static void publish(String key, String eventId, ProposalApproved data) {
        kafka.sendBinary(Topics.APPROVALS, key, eventId, EventTypes.PROPOSAL_APPROVED, Sources.APPROVAL_SERVICE,
                data.proposalId(), data);
    }

    static String newProposalId() {
        return "prop-" + UUID.randomUUID();
    }

    static KafkaTestClient.Received awaitEvent(String proposalId, String type) {
        return KafkaTestClient.await(executions, r -> proposalId.equals(r.key()) && type.equals(r.type()), WAIT);
    }

    static List<KafkaTestClient.Received> events(String proposalId, String type) {
        return executions.stream().filter(r -> proposalId.equals(r.key()) && type.equals(r.type())).toList();
    }

    List<WebhookReceiver.Delivery> deliveriesOf(String proposalId) {
        return receiver.deliveries().stream().filter(d -> d.body().contains("\"" + proposalId + "\"")).toList();
    }

    @Test
    void anApprovedProposalIsDeliveredOnceSignedAndSucceedsWithTheReceiversMessage() {
        String name = action(receiver.url("/hooks/orders"), 4);
        receiver.respondWith(d -> WebhookReceiver.Reply.ok(
                "{\"success\": true, \"message\": \"Order ORD-12345 ships tomorrow.\", \"result\": {\"eta\": \"tomorrow\"}}"));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        var succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(succeeded.header("ce_source")).isEqualTo(Sources.EXECUTOR_SERVICE);
        assertThat(succeeded.subject()).isEqualTo(proposalId);
        JsonNode result = succeeded.json();
        assertThat(result.path("tenant").asText()).isEqualTo("acme");
        assertThat(result.path("attempts").asInt()).isEqualTo(1);
        assertThat(result.path("http_status").asInt()).isEqualTo(200);
        assertThat(result.path("message").asText()).isEqualTo("Order ORD-12345 ships tomorrow.");
        assertThat(result.path("data").path("eta").asText()).isEqualTo("tomorrow");

        List<KafkaTestClient.Received> attempted = events(proposalId, EventTypes.EXECUTION_ATTEMPTED);
        assertThat(attempted).hasSize(1);
        assertThat(attempted.get(0).json().path("attempt").asInt()).isEqualTo(1);
        assertThat(attempted.get(0).json().path("http_status").asInt()).isEqualTo(200);
        assertThat(attempted.get(0).json().has("duration_ms")).isTrue();
        assertThat(attempted.get(0).json().has("error")).isFalse();

        assertThat(receiver.deliveries()).hasSize(1);
        WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
        assertThat(delivery.signatureValid()).isTrue();
        assertThat(delivery.header("webhook-id")).startsWith("msg_");
        assertThat(Long.parseLong(delivery.header("webhook-timestamp")))
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(120L));
        assertThat(delivery.header("webhook-signature")).startsWith("v1,");
        assertThat(delivery.header("content-type")).isEqualTo("application/json");
        assertThat(delivery.header("user-agent")).startsWith("Countersign/");
        assertThat(delivery.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

        JsonNode body = readJson(delivery.body());
        assertThat(body.path("type").asText()).isEqualTo("action.execute");
        assertThat(Instant.parse(body.path("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(body.path("proposal_id").asText()).isEqualTo(proposalId);
        assertThat(body.path("action").asText()).isEqualTo(name);
        assertThat(body.path("action_version").asInt()).isEqualTo(1);
        assertThat(body.path("parameters").path("order_number").asText()).isEqualTo("ORD-12345");
        assertThat(body.path("parameters").path("quantity").asInt()).isEqualTo(2);
        JsonNode context = body.path("context");
        assertThat(context.path("tenant").asText()).isEqualTo("acme");
        assertThat(context.path("assistant").asText()).isEqualTo("support-bot");
        assertThat(context.path("conversation_id").asText()).isEqualTo("conv-1");
        assertThat(context.path("user").path("id").asText()).isEqualTo("u-1");
        assertThat(context.path("trigger").asText()).isEqualTo("ai_intent");
        assertThat(context.path("decided_by").get(0).path("actor").asText()).isEqualTo("alice@acme");
        assertThat(context.path("decided_by").get(0).path("channel").asText()).isEqualTo("inbox");

        // the secret never leaves the executor except as an HMAC
        assertThat(executions.stream().map(KafkaTestClient.Received::value)).noneMatch(v -> v.contains("whsec_"));

        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId)
                .then().statusCode(200)
                .body("proposal_id", equalTo(proposalId))
                .body("state", equalTo("succeeded"))
                .body("attempts", equalTo(1))
                .body("http_status", equalTo(200))
                .body("webhook_id", equalTo(delivery.header("webhook-id")))
                .body("result.message", equalTo("Order ORD-12345 ships tomorrow."))
                .body("result.data.eta", equalTo("tomorrow"));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameWebhookIdUntilTheEndpointSucceeds() {
        String name = action(receiver.url("/hooks/flaky"), 4);
        AtomicInteger calls = new AtomicInteger();
        receiver.respondWith(d -> calls.incrementAndGet() <= 2
                ? new WebhookReceiver.Reply(500, "{\"error\": \"temporarily broken\"}")
                : WebhookReceiver.Reply.ok("{\"success\": true, \"message\": \"third time lucky\"}"));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        var succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(succeeded.json().path("attempts").asInt()).isEqualTo(3);
        assertThat(succeeded.json().path("message").asText()).isEqualTo("third time lucky");

        assertThat(receiver.deliveries()).hasSize(3).allMatch(WebhookReceiver.Delivery::signatureValid);
        assertThat(receiver.deliveries().stream().map(d -> d.header("webhook-id")).collect(Collectors.toSet()))
                .hasSize(1);
        assertThat(receiver.deliveries().stream().map(WebhookReceiver.Delivery::body).collect(Collectors.toSet()))
                .as("the body is identical on every attempt").hasSize(1);
        assertThat(receiver.deliveries().stream().map(d -> d.header("traceparent").substring(3, 35))
                .collect(Collectors.toSet())).as("one trace for all attempts").hasSize(1);

        List<JsonNode> attempts = events(proposalId, EventTypes.EXECUTION_ATTEMPTED).stream()
                .map(KafkaTestClient.Received::json).toList();
        assertThat(attempts).extracting(a -> a.path("attempt").asInt()).containsExactly(1, 2, 3);
        assertThat(attempts).extracting(a -> a.path("http_status").asInt()).containsExactly(500, 500, 200);
        assertThat(attempts).extracting(a -> a.path("error").asText(null))
                .containsExactly("server_error", "server_error", null);

        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId)
                .then().statusCode(200).body("state", equalTo("succeeded")).body("attempts", equalTo(3));
    }

    @Test
    void rateLimitingIsRetried() {
        String name = action(receiver.url("/hooks/busy"), 3);
        AtomicInteger calls = new AtomicInteger();
        receiver.respondWith(d -> calls.incrementAndGet() == 1
                ? new WebhookReceiver.Reply(429, "{\"error\": \"slow down\"}")
                : WebhookReceiver.Reply.ok("{\"success\": true}"));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        var succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(succeeded.json().path("attempts").asInt()).isEqualTo(2);
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED).get(0).json().path("error").asText())
                .isEqualTo("rate_limited");
    }

    @Test
    void anAttemptThatTimesOutIsRetried() throws Exception {
        String name = "act_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", name, 1,
                RegistryStub.webhook(receiver.url("/hooks/slow"), 3, 300), List.of(secret));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        receiver.respondWith(d -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    // hold the first answer past the executor's 300 ms timeout (released at the end of the test)
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return WebhookReceiver.Reply.ok("{\"success\": true, \"message\": \"finally\"}");
        });
        try {
            String proposalId = newProposalId();
            publish(proposalId, proposalId, approved(proposalId, name));

            var succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);
            assertThat(succeeded.json().path("attempts").asInt()).isEqualTo(2);
            JsonNode first = events(proposalId, EventTypes.EXECUTION_ATTEMPTED).get(0).json();
            assertThat(first.path("error").asText()).isEqualTo("timeout");
            assertThat(first.has("http_status")).isFalse();
            assertThat(receiver.deliveries().stream().map(d -> d.header("webhook-id")).distinct()).hasSize(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aClientErrorFailsWithoutRetry() {
        String name = action(receiver.url("/hooks/strict"), 4);
        receiver.respondWith(d -> new WebhookReceiver.Reply(400, "{\"error\": \"order_number unknown\"}"));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("http_status").asInt()).isEqualTo(400);
        assertThat(failed.path("error").path("code").asText()).isEqualTo("client_error");
        assertThat(failed.path("error").path("message").asText()).contains("400").contains("order_number unknown");
        // a retry would have come before the final event
        assertThat(receiver.deliveries()).hasSize(1);
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).hasSize(1);

        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId)
                .then().statusCode(200).body("state", equalTo("failed"))
                .body("result.error.code", equalTo("client_error"));
    }

    @Test
    void successFalseIsAFailureThatIsNotRetried() {
        String name = action(receiver.url("/hooks/declines"), 4);
        receiver.respondWith(d -> WebhookReceiver.Reply.ok("{\"success\": false, \"error\": \"x\"}"));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        assertThat(failed.path("http_status").asInt()).isEqualTo(200);
        assertThat(failed.path("error").path("code").asText()).isEqualTo("webhook_error");
        assertThat(failed.path("error").path("message").asText()).isEqualTo("x");
        assertThat(receiver.deliveries()).hasSize(1);
    }

    @Test
    void aResponseOverTheLimitFails() {
        String name = action(receiver.url("/hooks/chatty"), 4);
        String huge = "{\"success\": true, \"message\": \"" + "a".repeat(150 * 1024) + "\"}";
        receiver.respondWith(d -> WebhookReceiver.Reply.ok(huge));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("error").path("code").asText()).isEqualTo("response_too_large");
        assertThat(receiver.deliveries()).hasSize(1);
    }

    @Test
    void aRedeliveredApprovedEventDoesNotDeliverAgain() {
        String name = action(receiver.url("/hooks/once"), 4);
        String proposalId = newProposalId();
        ProposalApproved event = approved(proposalId, name);
        publish(proposalId, proposalId, event);
        awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);

        // the same event again (a redelivery), then a marker on the same key (same partition, so processed after it)
        publish(proposalId, proposalId, event);
        publish(proposalId, "other-" + proposalId, event);
        String markerId = newProposalId();
        publish(proposalId, markerId, approved(markerId, name));
        awaitEvent(markerId, EventTypes.EXECUTION_SUCCEEDED);

        assertThat(deliveriesOf(proposalId)).hasSize(1);
        assertThat(events(proposalId, EventTypes.EXECUTION_SUCCEEDED)).hasSize(1);
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).hasSize(1);
        assertThat(deliveriesOf(markerId).get(0).header("webhook-id"))
                .isNotEqualTo(deliveriesOf(proposalId).get(0).header("webhook-id"));
    }

    @Test
    void aRefusedDestinationFailsWithEgressRefusedAndNothingIsSent() {
        // 127.0.0.2 is loopback but not in the test allow-list (127.0.0.1/32); same port as the live receiver
        int port = Integer.parseInt(receiver.url("").replaceAll(".*:(\\d+).*", "$1"));
        String name = action("http://127.0.0.2:" + port + "/hooks/internal", 4);
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("error").path("code").asText()).isEqualTo("egress_refused");
        assertThat(failed.path("attempts").asInt()).isZero();
        assertThat(failed.has("http_status")).isFalse();
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).isEmpty();

        // credentials in the URL are refused before any connection, even to an allowed address
        String withCredentials = action("http://user:pw@127.0.0.1:" + port + "/hooks/x", 4);
        String second = newProposalId();
        publish(second, second, approved(second, withCredentials));
        assertThat(awaitEvent(second, EventTypes.EXECUTION_FAILED).json().path("error").path("code").asText())
                .isEqualTo("egress_refused");

        assertThat(receiver.deliveries()).isEmpty();
    }

    @Test
    void connectionErrorsAreRetriedUpToMaxAttemptsThenFail() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        String name = action("http://127.0.0.1:" + closedPort + "/nobody-home", 2);
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("attempts").asInt()).isEqualTo(2);
        assertThat(failed.path("error").path("code").asText()).isEqualTo("connection_error");
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).extracting(r -> r.json().path("error").asText())
                .containsExactly("connection_error", "connection_error");
    }

    @Test
    void anUnknownDefinitionVersionFailsWithDefinitionNotFound() {
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, "never_registered"));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("error").path("code").asText()).isEqualTo("definition_not_found");
        assertThat(failed.path("attempts").asInt()).isZero();
    }

    @Test
    void approvalEventsTheExecutorDoesNotActOnAndUnknownTypesAreAcknowledgedNotDeadLettered() {
        String proposalId = newProposalId();
        Map<String, Object> data = Map.of("proposal_id", proposalId, "tenant", "acme", "reason", "no");
        for (String type : List.of(EventTypes.APPROVAL_REQUESTED, EventTypes.PROPOSAL_DENIED,
                EventTypes.PROPOSAL_EXPIRED, EventTypes.DECISION_REFUSED, "dev.countersign.something.new")) {
            kafka.sendBinary(Topics.APPROVALS, proposalId, UUID.randomUUID().toString(), type,
                    Sources.APPROVAL_SERVICE, proposalId, data);
        }
        // then a poison record on the same key (same partition, so handled after the others): the only one
        // dead-lettered
        kafka.sendBinary(Topics.APPROVALS, proposalId, "poison-" + proposalId, EventTypes.DRYRUN_REQUESTED,
                Sources.APPROVAL_SERVICE, proposalId, Map.of("tenant", "acme"));

        KafkaTestClient.Received dead = KafkaTestClient.await(deadLetters, r -> proposalId.equals(r.key()), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("lacks proposal_id");
        assertThat(deadLetters.stream().filter(r -> proposalId.equals(r.key()))).hasSize(1);
        assertThat(executions.stream().filter(r -> proposalId.equals(r.key()))).isEmpty();
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId).then().statusCode(404);
    }

    @Test
    void theApprovalReceiptTravelsSignedInContextApprovalWithTheEffectiveParameters() {
        String name = action(receiver.url("/hooks/receipt"), 4);
        String proposalId = newProposalId();
        ProposalApproved plain = approved(proposalId, name);
        List<Decider> deciders = List.of(
                new Decider("fin-1@acme", "finance", "inbox", Instant.parse("2026-11-22T10:29:00Z"), "edited amount"),
                new Decider("fin-2@acme", "finance", "rest", Instant.parse("2026-11-22T10:29:30Z"), null));
        Map<String, Object> proposed = Map.of("order_number", "ORD-12345", "quantity", 20);
        ApprovalReceipt receipt = new ApprovalReceipt("require_approval", "9f".repeat(32), deciders, "role:finance", 2,
                true, "parameters.quantity > 10", proposed, null);
        ProposalApproved event = new ProposalApproved(proposalId, "acme", "support-bot", name, 1, deciders, false,
                plain.parameters(), plain.conversationId(), plain.user(), plain.trigger(), proposed, receipt);
        publish(proposalId, proposalId, event);
        awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);

        WebhookReceiver.Delivery delivery = deliveriesOf(proposalId).get(0);
        // the reference library verified the signature over the body that carries the receipt
        assertThat(delivery.signatureValid()).isTrue();
        JsonNode body = readJson(delivery.body());
        assertThat(body.path("context").path("approval"))
                .isEqualTo(dev.countersign.contracts.Json.mapper().valueToTree(receipt));
        assertThat(body.path("context").path("approval").path("proposed_parameters").path("quantity").asInt())
                .isEqualTo(20);
        assertThat(body.path("parameters").path("quantity").asInt()).as("the effective parameters").isEqualTo(2);

        // tampering with the receipt breaks the signature
        String forged = delivery.body().replace("role:finance", "role:intern");
        assertThat(forged).isNotEqualTo(delivery.body());
        assertThat(verifies(delivery, forged)).isFalse();
        assertThat(verifies(delivery, delivery.body())).isTrue();
    }

    @Test
    void withoutAReceiptTheBodyHasNoApprovalMember() {
        String name = action(receiver.url("/hooks/noreceipt"), 4);
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));
        awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);
        JsonNode context = readJson(deliveriesOf(proposalId).get(0).body()).path("context");
        assertThat(context.has("approval")).isFalse();
        assertThat(context.has("decided_by")).isTrue();
    }

    boolean verifies(WebhookReceiver.Delivery delivery, String body) {
        try {
            new com.standardwebhooks.Webhook(secret).verify(body, java.net.http.HttpHeaders.of(delivery.headers(),
                    (a, b) -> true));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anotherTenantsExecutionIsNotFoundAndAnonymousCallersGet401() {
        String name = action(receiver.url("/hooks/private"), 4);
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));
        awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);

        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId).then().statusCode(200);
        given().auth().oauth2(TestJwt.member("globex")).get("/v1/executions/" + proposalId)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/prop-unknown").then().statusCode(404);
        given().get("/v1/executions/" + proposalId).then().statusCode(401);
    }

    @Test
    void definitionsAndSecretsAreCachedBetweenExecutions() {
        String name = action(receiver.url("/hooks/cached"), 4);
        String first = newProposalId();
        publish(first, first, approved(first, name));
        awaitEvent(first, EventTypes.EXECUTION_SUCCEEDED);
        int calls = registry.calls();

        String second = newProposalId();
        publish(second, second, approved(second, name));
        awaitEvent(second, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(registry.calls()).isEqualTo(calls);
        Awaitility.await().atMost(WAIT).until(() -> deliveriesOf(second).size() == 1);
        assertThat(deliveriesOf(second).get(0).signatureValid()).isTrue();
    }

    @Test
    void aRotatedSecretIsUsedOnceTheCachedAnswerExpires() {
        String name = action(receiver.url("/hooks/rotated"), 4);
        String first = newProposalId();
        publish(first, first, approved(first, name));
        awaitEvent(first, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(deliveriesOf(first)).singleElement().satisfies(d -> assertThat(d.signatureValid()).isTrue());

        // the registry rotates the action's secret; within the cache's lifetime the executor still signs with the old
        String rotated = RegistryStub.newSecret();
        registry.register("acme", "support-bot", name, 1, RegistryStub.webhook(receiver.url("/hooks/rotated"), 4),
                List.of(rotated));
        receiver.expectSecret(rotated);
        String second = newProposalId();
        publish(second, second, approved(second, name));
        awaitEvent(second, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(deliveriesOf(second)).singleElement().satisfies(d -> assertThat(d.signatureValid()).isFalse());

        // what expire-after-write does when the TTL passes: the next execution asks the registry again
        int calls = registry.calls();
        registryCache.invalidateAll().await().atMost(WAIT);
        String third = newProposalId();
        publish(third, third, approved(third, name));
        awaitEvent(third, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(registry.calls()).isEqualTo(calls + 1);
        assertThat(deliveriesOf(third)).singleElement().satisfies(d -> assertThat(d.signatureValid()).isTrue());
    }

    @Test
    void anUnreachableRegistryIsRetriedUntilItAnswers() {
        String name = action(receiver.url("/hooks/patient"), 4);
        // more failures than one call's fault-tolerance retries absorb, so the intake retries the event too
        int callsBefore = registry.calls();
        registry.failNext(5);
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        var succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(succeeded.json().path("attempts").asInt()).isEqualTo(1);
        assertThat(deliveriesOf(proposalId)).hasSize(1);
        assertThat(registry.calls() - callsBefore).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aDeliveryInterruptedByACrashResumesWithTheSameWebhookId() {
        String name = action(receiver.url("/hooks/resumed"), 4);
        String proposalId = newProposalId();
        // what a crash leaves behind: the record in delivering after one recorded (failed) attempt, the approved
        // event not acknowledged, so Kafka delivers it again
        pool.preparedQuery("INSERT INTO executions (tenant, proposal_id, webhook_id, action, action_version, state, "
                + "attempts, http_status) VALUES ($1, $2, $3, $4, 1, 'delivering', 1, 503)")
                .execute(Tuple.of("acme", proposalId, "msg_beforeTheCrash", name)).await().indefinitely();
        publish(proposalId, proposalId, approved(proposalId, name));

        var succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(succeeded.json().path("attempts").asInt()).isEqualTo(2);
        assertThat(deliveriesOf(proposalId)).hasSize(1).allSatisfy(d -> {
            assertThat(d.header("webhook-id")).isEqualTo("msg_beforeTheCrash");
            assertThat(d.signatureValid()).isTrue();
        });
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).extracting(r -> r.json().path("attempt").asInt())
                .containsExactly(2);
    }

    @Test
    void nulCharactersInTheReceiversAnswerAreRemovedAndTheExecutionCompletes() {
        // PostgreSQL's jsonb refuses U+0000 (SQLSTATE 22P05): stored verbatim, the result could never be recorded
        String name = action(receiver.url("/hooks/nul"), 4);
        receiver.respondWith(d -> WebhookReceiver.Reply.ok(
                "{\"success\": true, \"message\": \"Do\\u0000ne\", \"data\": {\"k\": \"a\\u0000b\", "
                        + "\"x\\u0000y\": [\"\\u0000\", 1]}}"));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        JsonNode succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED).json();
        assertThat(succeeded.path("message").asText()).isEqualTo("Done");
        assertThat(succeeded.path("data").path("k").asText()).isEqualTo("ab");
        assertThat(succeeded.path("data").path("xy").get(0).asText()).isEmpty();
        assertThat(deliveriesOf(proposalId)).hasSize(1);
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId)
                .then().statusCode(200).body("state", equalTo("succeeded")).body("result.message", equalTo("Done"))
                .body("result.data.k", equalTo("ab"));

        receiver.respondWith(d -> WebhookReceiver.Reply.ok("{\"error\": \"card\\u0000 declined\"}"));
        String declined = newProposalId();
        publish(declined, declined, approved(declined, name));
        JsonNode failed = awaitEvent(declined, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("error").path("code").asText()).isEqualTo("webhook_error");
        assertThat(failed.path("error").path("message").asText()).isEqualTo("card declined");
        assertThat(deliveriesOf(declined)).hasSize(1);
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + declined)
                .then().statusCode(200).body("state", equalTo("failed"))
                .body("result.error.message", equalTo("card declined"));
        assertThat(deadLetters).noneMatch(r -> proposalId.equals(r.key()) || declined.equals(r.key()));
    }

    /**
     * Holds the first delivery of a new execution open, runs {@code meanwhile} against its row (what another copy
     * of the handler would do), then lets the receiver answer {@code firstStatus}; later deliveries succeed.
     */
    String raceWithFirstDelivery(int firstStatus, String meanwhileSql) throws Exception {
        String name = "act_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", name, 1, RegistryStub.webhook(receiver.url("/hooks/race"), 4, 20000),
                List.of(secret));
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        receiver.respondWith(d -> {
            if (calls.incrementAndGet() == 1) {
                arrived.countDown();
                try {
                    release.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new WebhookReceiver.Reply(firstStatus, firstStatus == 200
                        ? "{\"success\": true, \"message\": \"first\"}" : "{\"error\": \"busy\"}");
            }
            return WebhookReceiver.Reply.ok("{\"success\": true, \"message\": \"resumed\"}");
        });
        String proposalId = newProposalId();
        try {
            publish(proposalId, proposalId, approved(proposalId, name));
            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
            int changed = pool.preparedQuery(meanwhileSql).execute(Tuple.of("acme", proposalId)).await()
                    .atMost(WAIT).rowCount();
            assertThat(changed).isEqualTo(1);
        } finally {
            release.countDown();
        }
        return proposalId;
    }

    @Test
    void aRaceLostWhileRecordingAnAttemptIsRetriedAndResumesWithTheSameWebhookId() throws Exception {
        // another copy recorded attempt 1 while ours was out: ours cannot record its attempt 1 (a 500)
        String proposalId = raceWithFirstDelivery(500,
                "UPDATE executions SET attempts = 1, http_status = 503 WHERE tenant = $1 AND proposal_id = $2");

        JsonNode succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED).json();
        assertThat(succeeded.path("attempts").asInt()).isEqualTo(2);
        assertThat(succeeded.path("message").asText()).isEqualTo("resumed");
        assertThat(deliveriesOf(proposalId)).hasSize(2);
        assertThat(deliveriesOf(proposalId).stream().map(d -> d.header("webhook-id")).distinct()).hasSize(1);
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId)
                .then().statusCode(200).body("state", equalTo("succeeded")).body("attempts", equalTo(2));
    }

    @Test
    void aRaceLostWhileFinishingIsRetriedAndResumesWithTheSameWebhookId() throws Exception {
        // another copy recorded attempt 1 while ours was out: ours cannot record its (successful) final attempt 1
        String proposalId = raceWithFirstDelivery(200,
                "UPDATE executions SET attempts = 1, http_status = 503 WHERE tenant = $1 AND proposal_id = $2");

        JsonNode succeeded = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED).json();
        assertThat(succeeded.path("attempts").asInt()).isEqualTo(2);
        assertThat(deliveriesOf(proposalId)).hasSize(2);
        assertThat(deliveriesOf(proposalId).stream().map(d -> d.header("webhook-id")).distinct()).hasSize(1);
        assertThat(events(proposalId, EventTypes.EXECUTION_SUCCEEDED)).hasSize(1);
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId)
                .then().statusCode(200).body("state", equalTo("succeeded")).body("attempts", equalTo(2));
    }

    @Test
    void aRaceLostToACopyThatFinishedStopsWithoutActingAgain() throws Exception {
        String proposalId = raceWithFirstDelivery(200, "UPDATE executions SET state = 'succeeded', attempts = 1, "
                + "http_status = 200, result = '{\"message\": \"by the other copy\"}', completed_at = now() "
                + "WHERE tenant = $1 AND proposal_id = $2");

        // a marker on the same key (same partition) is processed only after ours was settled
        String markerId = newProposalId();
        publish(proposalId, markerId, approved(markerId, registeredMarkerAction()));
        awaitEvent(markerId, EventTypes.EXECUTION_SUCCEEDED);

        assertThat(deliveriesOf(proposalId)).hasSize(1);
        assertThat(events(proposalId, EventTypes.EXECUTION_SUCCEEDED)).isEmpty();
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId)
                .then().statusCode(200).body("state", equalTo("succeeded"))
                .body("result.message", equalTo("by the other copy"));
    }

    String registeredMarkerAction() {
        return action(receiver.url("/hooks/marker"), 4);
    }

    @Test
    void anOutboundCredentialIsSentInTheConfiguredHeaderAndNowhereElse() {
        String token = "tok-" + UUID.randomUUID();
        String bearer = "act_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", bearer, 1, RegistryStub.withAuth(
                RegistryStub.webhook(receiver.url("/hooks/authed"), 4), "ticketing", null, "Bearer"),
                List.of(secret), Map.of("ticketing", token));
        String apiKey = "act_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", apiKey, 1, RegistryStub.withAuth(
                RegistryStub.webhook(receiver.url("/hooks/keyed"), 4), "ticketing", "X-Api-Key", null),
                List.of(secret), Map.of("ticketing", token));

        String first = newProposalId();
        publish(first, first, approved(first, bearer));
        awaitEvent(first, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(deliveriesOf(first)).hasSize(1).allSatisfy(d -> {
            assertThat(d.header("authorization")).isEqualTo("Bearer " + token);
            assertThat(d.signatureValid()).isTrue();
        });

        // cached with the secrets: the second execution needs no registry call and still carries the credential
        int calls = registry.calls();
        String second = newProposalId();
        publish(second, second, approved(second, bearer));
        awaitEvent(second, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(registry.calls()).isEqualTo(calls);
        assertThat(deliveriesOf(second)).singleElement()
                .satisfies(d -> assertThat(d.header("authorization")).isEqualTo("Bearer " + token));

        String third = newProposalId();
        publish(third, third, approved(third, apiKey));
        awaitEvent(third, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(deliveriesOf(third)).singleElement().satisfies(d -> {
            assertThat(d.header("x-api-key")).isEqualTo(token);
            assertThat(d.header("authorization")).isNull();
            assertThat(d.body()).doesNotContain(token);
        });

        assertThat(executions.stream().map(KafkaTestClient.Received::value)).noneMatch(v -> v.contains(token));
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + first)
                .then().statusCode(200).body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(token)));
    }

    @Test
    void eachVersionGetsTheCredentialItNamesEvenWhenAnotherVersionWasFetchedSince() {
        // secrets are cached per action, but v1 and v2 name different credentials
        String name = "act_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", name, 1, RegistryStub.withAuth(
                RegistryStub.webhook(receiver.url("/hooks/v1"), 4), "old_token", null, "Bearer"),
                List.of(secret), Map.of("old_token", "tok-one"));
        registry.register("acme", "support-bot", name, 2, RegistryStub.withAuth(
                RegistryStub.webhook(receiver.url("/hooks/v2"), 4), "new_token", null, "Bearer"),
                List.of(secret), Map.of("new_token", "tok-two"));

        List<String> ids = List.of(newProposalId(), newProposalId(), newProposalId());
        int[] versions = {1, 2, 1};
        for (int i = 0; i < ids.size(); i++) {
            ProposalApproved v1 = approved(ids.get(i), name);
            ProposalApproved event = new ProposalApproved(v1.proposalId(), v1.tenant(), v1.assistant(), v1.action(),
                    versions[i], v1.decidedBy(), v1.auto(), v1.parameters(), v1.conversationId(), v1.user(),
                    v1.trigger());
            publish(ids.get(i), ids.get(i), event);
            awaitEvent(ids.get(i), EventTypes.EXECUTION_SUCCEEDED);
        }
        assertThat(ids).extracting(id -> deliveriesOf(id).get(0).header("authorization"))
                .containsExactly("Bearer tok-one", "Bearer tok-two", "Bearer tok-one");
    }

    @Test
    void aMissingCredentialFailsWithCredentialMissingAndNothingIsSent() {
        String name = "act_" + UUID.randomUUID().toString().substring(0, 8);
        // the registry's answer has no "credentials" (e.g. the credential was deleted after the definition was saved)
        registry.register("acme", "support-bot", name, 1, RegistryStub.withAuth(
                RegistryStub.webhook(receiver.url("/hooks/nocred"), 4), "ticketing", "Authorization", "Bearer"),
                List.of(secret));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("error").path("code").asText()).isEqualTo("credential_missing");
        assertThat(failed.path("error").path("message").asText()).contains("ticketing");
        assertThat(failed.path("attempts").asInt()).isZero();
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).isEmpty();
        assertThat(deliveriesOf(proposalId)).isEmpty();
    }

    @Test
    void aCredentialHeaderThatWouldReplaceAWebhookHeaderIsRefused() {
        String name = "act_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", name, 1, RegistryStub.withAuth(
                RegistryStub.webhook(receiver.url("/hooks/forged"), 4), "ticketing", "Webhook-Signature", null),
                List.of(secret), Map.of("ticketing", "v1,forged"));
        String proposalId = newProposalId();
        publish(proposalId, proposalId, approved(proposalId, name));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("error").path("code").asText()).isEqualTo("invalid_definition");
        assertThat(failed.path("error").path("message").asText()).doesNotContain("forged");
        assertThat(deliveriesOf(proposalId)).isEmpty();
    }

    static JsonNode readJson(String s) {
        try {
            return dev.countersign.contracts.Json.mapper().readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
