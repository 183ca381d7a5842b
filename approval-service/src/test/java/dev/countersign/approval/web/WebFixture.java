package dev.countersign.approval.web;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.actions.Approval;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.User;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.TestJwt;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the web tests share: accepted proposals as proposal-service publishes them (with a parameter schema, so
 * edits are validated), tenants of their own, CSRF pairs and waiting until an approval is stored.
 */
final class WebFixture {
    static final String ASSISTANT = "support-bot";
    static final String ACTION = "refund_order";
    static final int VERSION = 3;
    static final User USER = new User("u-7", "ada@example.com", "Ada");
    static final String SUBMITTED_BY = "submitter@acme";
    /** The inbox's session cookie (a __Host- cookie: Secure, Path=/, no Domain). */
    static final String SESSION = "__Host-countersign_session";
    /** The CSRF double-submit cookie (a __Host- cookie too); the form field stays csrf-token. */
    static final String CSRF = "__Host-csrf-token";
    static final Map<String, Object> PARAMETERS = Map.of("order_number", "ORD-12345", "amount", 42, "notify", true);
    static final JsonNode SCHEMA = json("""
            {"type": "object",
             "properties": {"order_number": {"type": "string"},
                            "amount": {"type": "number", "minimum": 0, "maximum": 1000},
                            "notify": {"type": "boolean"}},
             "required": ["order_number", "amount"],
             "additionalProperties": false}""");
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebFixture() {
    }

    static String tenant() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static String newId() {
        return "p-" + UUID.randomUUID();
    }

    /** A require_approval proposal decided by one member of {@code approver} ({@code role:<name>} or end_user). */
    static ProposalAccepted proposal(String id, String tenant, String approver, Map<String, Object> parameters) {
        return proposal(id, tenant, approver, parameters, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    static ProposalAccepted proposal(String id, String tenant, String approver, Map<String, Object> parameters,
            Instant expiresAt) {
        return proposal(id, tenant, approver, parameters, expiresAt, "The customer asked for a refund of a damaged parcel.");
    }

    static ProposalAccepted proposal(String id, String tenant, String approver, Map<String, Object> parameters,
            Instant expiresAt, String reason) {
        return new ProposalAccepted(id, tenant, ASSISTANT, ACTION, parameters, "conv-" + id, USER, "ai_intent",
                reason, VERSION, "require_approval",
                expiresAt.truncatedTo(ChronoUnit.MILLIS), Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS),
                SUBMITTED_BY, new Approval("require_approval", approver, 1, false, 60, List.of()), SCHEMA);
    }

    /** Publishes {@code proposal} as proposal-service does: binary mode, key and subject the proposal id. */
    static void publish(KafkaTestClient kafka, ProposalAccepted proposal) {
        kafka.sendBinary(Topics.VALIDATIONS, proposal.proposalId(), UUID.randomUUID().toString(),
                EventTypes.PROPOSAL_ACCEPTED, Sources.PROPOSAL_SERVICE, proposal.proposalId(), proposal);
    }

    /** Waits until {@code tenant}'s admin reads {@code proposalId} as pending through the API. */
    static void awaitPending(String tenant, String proposalId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + proposalId)
                        .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("pending")));
    }

    /** The status the API shows. */
    static String status(String tenant, String proposalId) {
        return given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + proposalId)
                .then().statusCode(200).extract().path("status");
    }

    /** A CSRF token as the pages issue them (any well-formed value works as long as cookie and field agree). */
    static String csrf() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
