package dev.countersign.proposal;

import static dev.countersign.proposal.Fixtures.awaitOutcome;
import static dev.countersign.proposal.Fixtures.count;
import static dev.countersign.proposal.Fixtures.proposal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.proposal.service.ActionReplicaService;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /v1/proposals and GET /v1/proposals/{id}, against the real broker and database. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_proposal_test"))
class ProposalsResourceTest {
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> validations;

    @Inject
    ActionReplicaService replica;

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        validations = kafka.watch(Topics.VALIDATIONS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String submitter() {
        return TestJwt.submitter("acme");
    }

    @Test
    void anAcceptedProposalAnswers202WithItsIdAndAnIdenticalRetryIsNotPublishedAgain() {
        String action = Fixtures.activeAction(kafka, replica, "require_approval", 60);
        String id = UUID.randomUUID().toString();
        ObjectNode body = proposal(action, "{\"order_number\": \"ORD-12345\", \"quantity\": 3}");
        body.remove("tenant"); // defaults to the caller's tenant
        body.put("proposal_id", id);

        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(body.toString())
                .when().post("/v1/proposals")
                .then().statusCode(202).body("proposal_id", equalTo(id));
        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(body.toString())
                .when().post("/v1/proposals")
                .then().statusCode(202).body("proposal_id", equalTo(id));

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
        assertThat(event.json().path("tenant").asText()).isEqualTo("acme");
        assertThat(event.json().path("action_version").asInt()).isEqualTo(1);

        String marker = Fixtures.markerIdAfter(id);
        ObjectNode next = proposal(action, "{\"order_number\": \"ORD-1\"}");
        next.put("proposal_id", marker);
        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(next.toString())
                .post("/v1/proposals").then().statusCode(202);
        awaitOutcome(validations, marker);
        assertThat(count(validations, id)).isEqualTo(1);

        given().auth().oauth2(submitter()).get("/v1/proposals/" + id)
                .then().statusCode(200)
                .body("proposal_id", equalTo(id))
                .body("status", equalTo("accepted"))
                .body("action_version", equalTo(1))
                .body("approval_mode", equalTo("require_approval"))
                .body("expires_at", notNullValue());
    }

    @Test
    void withoutAProposalIdOneIsAssigned() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = given().auth().oauth2(submitter()).contentType(ContentType.JSON)
                .body(proposal(action, "{\"order_number\": \"ORD-2\"}").toString())
                .post("/v1/proposals").then().statusCode(202).extract().path("proposal_id");
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(awaitOutcome(validations, id).type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
    }

    @Test
    void invalidParametersAnswer422WithEveryFieldAndTheRejectionIsPublished() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = UUID.randomUUID().toString();
        ObjectNode body = proposal(action, "{\"quantity\": \"lots\"}");
        body.put("proposal_id", id);

        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(body.toString())
                .when().post("/v1/proposals")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid_parameters"))
                .body("message", containsString("Order number is required."))
                .body("proposal_id", equalTo(id))
                .body("errors", hasSize(2))
                .body("errors.path", hasItem("parameters.order_number"))
                .body("errors.path", hasItem("parameters.quantity"))
                .body("errors.code", hasItem("required"));

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_REJECTED);
        assertThat(event.json().path("code").asText()).isEqualTo("invalid_parameters");
        // the rejection names who submitted it, as authenticated: the token's subject
        assertThat(event.json().path("submitted_by").asText()).isEqualTo("submitter@acme");

        // An identical retry gets the same answer again.
        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(body.toString())
                .post("/v1/proposals").then().statusCode(422).body("code", equalTo("invalid_parameters"));
        given().auth().oauth2(submitter()).get("/v1/proposals/" + id).then().statusCode(200)
                .body("status", equalTo("rejected")).body("code", equalTo("invalid_parameters"))
                .body("errors.path", hasItem("parameters.order_number"));
    }

    @Test
    void anUnknownActionAnswers422UnknownAction() {
        given().auth().oauth2(submitter()).contentType(ContentType.JSON)
                .body(proposal(Fixtures.unique("missing"), "{}").toString())
                .post("/v1/proposals")
                .then().statusCode(422).body("code", equalTo("unknown_action"))
                .body("message", containsString("no action named"));
    }

    @Test
    void dataBreakingTheSchemaAnswers422Malformed() {
        ObjectNode body = proposal("anything", "{}");
        body.put("expires_in_minutes", 0);
        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(body.toString())
                .post("/v1/proposals")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("malformed"))
                .body("errors.path", hasItem("expires_in_minutes"));
    }

    @Test
    void aNulCharacterAnywhereAnswers422MalformedNamingThePathAndTheRejectionIsPublished() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = UUID.randomUUID().toString();
        ObjectNode body = proposal(action, "{\"order_number\": \"ORD-1\"}");
        body.put("proposal_id", id);
        body.put("reason", "the user\u0000asked");
        ((ObjectNode) body.get("user")).put("id", "u-\u0000");
        ((ObjectNode) body.get("parameters")).putObject("nested").put("k\u0000", "v");

        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(body.toString())
                .post("/v1/proposals")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("malformed"))
                .body("proposal_id", equalTo(id))
                .body("errors.path", org.hamcrest.Matchers.contains("parameters.nested.k\\u0000", "reason",
                        "user.id"))
                .body("errors.code", org.hamcrest.Matchers.everyItem(equalTo("invalid_character")));

        var event = awaitOutcome(validations, id);
        assertThat(event.type()).isEqualTo(EventTypes.PROPOSAL_REJECTED);
        assertThat(event.json().path("code").asText()).isEqualTo("malformed");
        assertThat(event.json().path("tenant").asText()).isEqualTo("acme");
        given().auth().oauth2(submitter()).get("/v1/proposals/" + id).then().statusCode(200)
                .body("status", equalTo("rejected")).body("code", equalTo("malformed"));

        // a proposal_id with a NUL is refused like an over-long one: 422, nothing published
        ObjectNode nulId = proposal(action, "{\"order_number\": \"ORD-1\"}").put("proposal_id", "p\u0000");
        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(nulId.toString())
                .post("/v1/proposals")
                .then().statusCode(422).body("code", equalTo("malformed"))
                .body("errors.path", hasItem("proposal_id"));
    }

    @Test
    void reusingAnIdWithAnotherBodyAnswers422DuplicateConflict() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = UUID.randomUUID().toString();
        ObjectNode first = proposal(action, "{\"order_number\": \"ORD-1\"}").put("proposal_id", id);
        ObjectNode second = proposal(action, "{\"order_number\": \"ORD-2\"}").put("proposal_id", id);
        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(first.toString())
                .post("/v1/proposals").then().statusCode(202);
        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body(second.toString())
                .post("/v1/proposals").then().statusCode(422).body("code", equalTo("duplicate_conflict"));
        given().auth().oauth2(submitter()).get("/v1/proposals/" + id).then().statusCode(200)
                .body("status", equalTo("accepted"));
    }

    @Test
    void anotherTenantIsForbiddenOnPostAndNotFoundOnGet() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = given().auth().oauth2(submitter()).contentType(ContentType.JSON)
                .body(proposal(action, "{\"order_number\": \"ORD-3\"}").toString())
                .post("/v1/proposals").then().statusCode(202).extract().path("proposal_id");

        given().auth().oauth2(TestJwt.submitter("globex")).contentType(ContentType.JSON)
                .body(proposal(action, "{\"order_number\": \"ORD-3\"}").toString())
                .post("/v1/proposals")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        given().auth().oauth2(TestJwt.submitter("globex")).get("/v1/proposals/" + id)
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void onlySubmittersAndAdminsMaySubmitAndTheAuthenticatedSubmitterIsRecorded() {
        String action = Fixtures.activeAction(kafka, replica, "require_approval", 60);
        String refused = UUID.randomUUID().toString();
        ObjectNode body = proposal(action, "{\"order_number\": \"ORD-4\"}").put("proposal_id", refused);
        // a plain user token, an approver and an auditor cannot submit; nothing is taken in
        for (String token : List.of(TestJwt.member("acme"), TestJwt.approver("acme"), TestJwt.auditor("acme"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(body.toString())
                    .post("/v1/proposals")
                    .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
        }

        String byAdmin = UUID.randomUUID().toString();
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(body.deepCopy().put("proposal_id", byAdmin).toString())
                .post("/v1/proposals").then().statusCode(202);
        String bySubmitter = Fixtures.markerIdAfter(refused);
        given().auth().oauth2(submitter()).contentType(ContentType.JSON)
                .body(body.deepCopy().put("proposal_id", bySubmitter).toString())
                .post("/v1/proposals").then().statusCode(202);

        assertThat(awaitOutcome(validations, byAdmin).json().path("submitted_by").asText()).isEqualTo("admin@acme");
        var accepted = awaitOutcome(validations, bySubmitter).json();
        // the token's subject, not the self-declared user (u-1)
        assertThat(accepted.path("submitted_by").asText()).isEqualTo("submitter@acme");
        // the pinned version's approval block travels with the proposal
        assertThat(accepted.path("approval").path("mode").asText()).isEqualTo("require_approval");
        assertThat(accepted.path("approval").path("expires_in_minutes").asInt()).isEqualTo(60);
        assertThat(count(validations, refused)).isZero();
    }

    @Test
    void readingAProposalNeedsASubmitterAdminOrAuditorRole() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = given().auth().oauth2(submitter()).contentType(ContentType.JSON)
                .body(proposal(action, "{\"order_number\": \"ORD-5\"}").toString())
                .post("/v1/proposals").then().statusCode(202).extract().path("proposal_id");
        for (String token : List.of(TestJwt.member("acme"), TestJwt.approver("acme"))) {
            given().auth().oauth2(token).get("/v1/proposals/" + id)
                    .then().statusCode(403).body("code", equalTo("forbidden"));
        }
        for (String token : List.of(submitter(), TestJwt.admin("acme"), TestJwt.auditor("acme"))) {
            given().auth().oauth2(token).get("/v1/proposals/" + id)
                    .then().statusCode(200).body("status", equalTo("accepted"));
        }
    }

    @Test
    void tokensForAnotherAudienceOrSignedWithHs256AreRefused() {
        String body = proposal("x", "{}").toString();
        given().auth().oauth2(TestJwt.tokenForAudience("another-deployment", "submitter@acme", "acme",
                        "countersign-submitter")).contentType(ContentType.JSON).body(body)
                .post("/v1/proposals").then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2(TestJwt.hs256(TestJwt.publicKeyPem(), "submitter@acme", "acme",
                        "countersign-submitter")).contentType(ContentType.JSON).body(body)
                .post("/v1/proposals").then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void withoutATokenTheAnswerIs401() {
        given().contentType(ContentType.JSON).body(proposal("x", "{}").toString())
                .post("/v1/proposals")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().get("/v1/proposals/whatever").then().statusCode(401);
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().auth().oauth2(submitter()).contentType(ContentType.JSON).body("{\"tenant\": ")
                .post("/v1/proposals").then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void theOpenApiDocumentDescribesBothEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/proposals"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/proposals/{id}"));
    }

    @Test
    void readinessIncludesTheActionsReplicaCatchUp() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'actions replica caught up' }.status",
                                org.hamcrest.Matchers.equalTo("UP")));
    }
}
