package dev.countersign.executor;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.actions.Execution;
import dev.countersign.contracts.actions.RetryPolicy;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.User;
import dev.countersign.executor.support.GreenMailResource;
import dev.countersign.executor.support.RegistryStub;
import dev.countersign.executor.support.RegistryStubResource;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The built-in {@code email} kind end to end: approved events in through the real broker and database, the message
 * out to a real SMTP server (GreenMail) in the test, execution events on {@code countersign.executions}.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(RegistryStubResource.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_executor_test"))
// the outage test stops the SMTP server: it runs last, so no other test meets a connection broken by it
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmailFlowTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> executions;

    RegistryStub registry;

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        executions = kafka.watch(Topics.EXECUTIONS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    String emailAction(int maxAttempts) {
        String name = "mail_" + UUID.randomUUID().toString().substring(0, 8);
        registry.register("acme", "support-bot", name, 1, new Execution("email", null, 2000,
                new RetryPolicy(maxAttempts, 20L, 100L), null), List.of(RegistryStub.newSecret()));
        return name;
    }

    static ProposalApproved approved(String proposalId, String action, Map<String, Object> parameters) {
        return new ProposalApproved(proposalId, "acme", "support-bot", action, 1,
                List.of(new Decider("alice@acme", "inbox", Instant.parse("2026-11-22T10:29:00Z"))), false,
                parameters, "conv-1", new User("u-1", "jo@example.com", "Jo"), "ai_intent");
    }

    static void publish(ProposalApproved data) {
        kafka.sendBinary(Topics.APPROVALS, data.proposalId(), data.proposalId(), EventTypes.PROPOSAL_APPROVED,
                Sources.APPROVAL_SERVICE, data.proposalId(), data);
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

    static List<MimeMessage> received(String subject) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage m : GreenMailResource.server().getReceivedMessages()) {
            if (subject.equals(m.getSubject())) {
                found.add(m);
            }
        }
        return found;
    }

    static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    @Test
    void anApprovedEmailActionIsSentOverSmtpAndSucceedsNamingItsRecipients() throws Exception {
        String name = emailAction(3);
        String subject = "Your order ORD-12345 " + UUID.randomUUID();
        String proposalId = newProposalId();
        publish(approved(proposalId, name, Map.of("to", List.of("jo@example.com", "sam@example.org"),
                "cc", "support@acme.example", "subject", subject,
                "body", "Hello Jo,\nyour order ships tomorrow.\n")));

        JsonNode result = awaitEvent(proposalId, EventTypes.EXECUTION_SUCCEEDED).json();
        assertThat(result.path("attempts").asInt()).isEqualTo(1);
        assertThat(result.has("http_status")).isFalse();
        assertThat(result.path("message").asText())
                .isEqualTo("Email sent to jo@example.com, sam@example.org (cc support@acme.example).");
        assertThat(result.toString()).doesNotContain("ships tomorrow");
        List<KafkaTestClient.Received> attempted = events(proposalId, EventTypes.EXECUTION_ATTEMPTED);
        assertThat(attempted).hasSize(1);
        assertThat(attempted.get(0).json().has("error")).isFalse();

        // GreenMail keeps one copy per recipient
        GreenMailResource.server().waitForIncomingEmail(5000, 3);
        List<MimeMessage> messages = received(subject);
        assertThat(messages).hasSize(3);
        MimeMessage message = messages.get(0);
        assertThat(addresses(message.getRecipients(Message.RecipientType.TO)))
                .containsExactly("jo@example.com", "sam@example.org");
        assertThat(addresses(message.getRecipients(Message.RecipientType.CC))).containsExactly("support@acme.example");
        assertThat(addresses(message.getFrom())).containsExactly("countersign@test.example");
        assertThat(GreenMailUtil.getBody(message).replace("\r\n", "\n")).contains("your order ships tomorrow.");

        given().auth().oauth2(TestJwt.member("acme")).get("/v1/executions/" + proposalId)
                .then().statusCode(200)
                .body("state", equalTo("succeeded"))
                .body("attempts", equalTo(1))
                .body("result.message", equalTo(result.path("message").asText()));
    }

    @Test
    void invalidEmailParametersFailWithTheirCodeAndSendNothing() throws Exception {
        String name = emailAction(3);
        String subject = "Hello\r\nBcc: everyone@example.com";
        String proposalId = newProposalId();
        publish(approved(proposalId, name, Map.of("to", List.of("jo@example.com", "not an address"),
                "subject", subject, "body", "x")));

        JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
        assertThat(failed.path("attempts").asInt()).isZero();
        assertThat(failed.path("error").path("code").asText()).isEqualTo("invalid_email_parameters");
        assertThat(failed.path("error").path("message").asText())
                .contains("to: 'not an address' is not an email address").contains("subject:");
        assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).isEmpty();
        assertThat(Arrays.stream(GreenMailResource.server().getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                return "";
            }
        })).noneMatch(s -> s != null && s.startsWith("Hello"));
    }

    @Test
    @Order(99)
    void anUnreachableSmtpServerIsRetriedThenFails() throws Exception {
        String name = emailAction(2);
        String proposalId = newProposalId();
        GreenMailResource.stopServer();
        try {
            publish(approved(proposalId, name, Map.of("to", "jo@example.com", "subject", "Down " + proposalId,
                    "body", "x")));
            JsonNode failed = awaitEvent(proposalId, EventTypes.EXECUTION_FAILED).json();
            assertThat(failed.path("attempts").asInt()).isEqualTo(2);
            assertThat(failed.path("error").path("code").asText()).isIn("connection_error", "timeout");
            assertThat(failed.path("error").path("message").asText()).startsWith("Gave up after 2 attempt(s)");
            assertThat(events(proposalId, EventTypes.EXECUTION_ATTEMPTED)).hasSize(2);
        } finally {
            GreenMailResource.restartServer();
        }
    }

    @Test
    void aDryRunOfAnEmailActionShowsTheMessageAndSendsNothing() throws Exception {
        String name = emailAction(3);
        String subject = "Preview " + UUID.randomUUID();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("to", "jo@example.com");
        parameters.put("cc", List.of("a@example.com", "b@example.com"));
        parameters.put("subject", subject);
        parameters.put("body", "Hello Jo");
        String proposalId = newProposalId();
        String eventId = UUID.randomUUID().toString();
        DryRunRequested requested = new DryRunRequested(proposalId, "acme", "support-bot", name, 1, parameters,
                "conv-1", new User("u-1", "jo@example.com", "Jo"), "ai_intent", "digest-" + eventId);
        kafka.sendBinary(Topics.APPROVALS, proposalId, eventId, EventTypes.DRYRUN_REQUESTED,
                Sources.APPROVAL_SERVICE, proposalId, requested);

        JsonNode data = KafkaTestClient.await(executions, r -> EventTypes.DRYRUN_COMPLETED.equals(r.type())
                && ("dryrun-completed:" + eventId).equals(r.id()), WAIT).json();
        assertThat(data.path("ok").asBoolean()).isTrue();
        JsonNode wouldSend = data.path("outcome").path("would_send");
        assertThat(wouldSend.path("method").asText()).isEqualTo("SMTP");
        assertThat(wouldSend.path("url").asText()).isEqualTo("smtp://127.0.0.1:" + GreenMailResource.port());
        assertThat(wouldSend.path("headers").path("from").asText()).isEqualTo("countersign@test.example");
        assertThat(wouldSend.path("headers").path("to").asText()).isEqualTo("jo@example.com");
        assertThat(wouldSend.path("headers").path("cc").asText()).isEqualTo("a@example.com, b@example.com");
        assertThat(wouldSend.path("headers").path("subject").asText()).isEqualTo(subject);
        assertThat(wouldSend.path("body").asText()).isEqualTo("Hello Jo");
        Thread.sleep(300);
        assertThat(received(subject)).isEmpty();
    }
}
