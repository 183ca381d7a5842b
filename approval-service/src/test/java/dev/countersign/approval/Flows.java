package dev.countersign.approval;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.actions.Approval;
import dev.countersign.contracts.events.Actor;
import dev.countersign.contracts.events.DecisionSubmitted;
import dev.countersign.contracts.events.DryRunCompleted;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.TestJwt;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the decision tests do again and again: propose under a policy, wait for the service to have it, decide over
 * REST or from the chat, publish dry-run results, and watch {@code countersign.approvals}.
 */
public final class Flows {
    public static final Duration WAIT = Duration.ofSeconds(30);
    /** The fixture's end user, who may decide {@code end_user} approvals. */
    public static final String END_USER = ValidationsFixture.USER.id();

    private Flows() {
    }

    public static String uniqueTenant() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Publishes {@code proposal} and waits until an admin of its tenant can read its approval. */
    public static ProposalAccepted propose(KafkaTestClient kafka, ProposalAccepted proposal) {
        ValidationsFixture.send(kafka, proposal);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(TestJwt.admin(proposal.tenant())).get("/v1/approvals/" + proposal.proposalId())
                        .then().statusCode(200));
        return proposal;
    }

    /** Proposes the fixture's parameters under {@code approval}. */
    public static ProposalAccepted propose(KafkaTestClient kafka, String tenant, Approval approval) {
        return propose(kafka, ValidationsFixture.accepted(ValidationsFixture.newId(), tenant,
                ValidationsFixture.PARAMETERS, approval));
    }

    /** A token of {@code subject} in {@code tenant} with {@code groups}. */
    public static String token(String subject, String tenant, String... groups) {
        return TestJwt.token(subject, tenant, groups);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** GET the approval as an admin of {@code tenant}. */
    public static ValidatableResponse read(String tenant, String id) {
        return given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + id).then().statusCode(200);
    }

    /** POST approve with {@code body}. */
    public static ValidatableResponse approve(String token, String id, Map<String, ?> body) {
        return as(token).body(body).post("/v1/approvals/" + id + "/approve").then();
    }

    /** POST deny with {@code reason}. */
    public static ValidatableResponse deny(String token, String id, String reason) {
        return as(token).body(Map.of("reason", reason)).post("/v1/approvals/" + id + "/deny").then();
    }

    /** The first event of {@code type} about {@code id} on the watched approvals topic. */
    public static KafkaTestClient.Received awaitEvent(List<KafkaTestClient.Received> approvals, String id,
            String type) {
        return KafkaTestClient.await(approvals, r -> id.equals(r.key()) && type.equals(r.type()), WAIT);
    }

    /** Every event about {@code id} seen so far. */
    public static List<KafkaTestClient.Received> eventsOf(List<KafkaTestClient.Received> approvals, String id) {
        return approvals.stream().filter(r -> id.equals(r.key())).toList();
    }

    /** Publishes what executor-service publishes when a dry run completed; answers the event id. */
    public static String dryRunCompleted(KafkaTestClient kafka, DryRunCompleted completed) {
        String eventId = UUID.randomUUID().toString();
        kafka.sendBinary(Topics.EXECUTIONS, completed.proposalId(), eventId, EventTypes.DRYRUN_COMPLETED,
                Sources.EXECUTOR_SERVICE, completed.proposalId(), completed);
        return eventId;
    }

    /** Publishes a chat decision on {@code topic}; answers its event id. */
    public static String chatDecision(KafkaTestClient kafka, String topic, String tenant, String id, String decision,
            Actor actor) {
        String eventId = UUID.randomUUID().toString();
        kafka.sendBinary(topic, id, eventId, EventTypes.DECISION_SUBMITTED, "/chat/test", id,
                new DecisionSubmitted(id, tenant, decision, actor, "from the chat"));
        return eventId;
    }
}
