package dev.countersign.approval.rest;

import static dev.countersign.approval.ValidationsFixture.accepted;
import static dev.countersign.approval.ValidationsFixture.newId;
import static dev.countersign.approval.ValidationsFixture.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.events.ProposalAccepted;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The approvals API over rows created from real proposal.accepted events. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class ApprovalsResourceTest {
    static KafkaTestClient kafka;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String uniqueTenant() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Waits until the service has stored {@code proposalId}'s approval for {@code tenant}. */
    static void awaitStored(String tenant, String proposalId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                given().auth().oauth2(TestJwt.member(tenant)).get("/v1/approvals/" + proposalId)
                        .then().statusCode(200));
    }

    @Test
    void theOwnTenantReadsTheStateModeDeadlineAndDecidersOfAnApproval() {
        String tenant = uniqueTenant();
        String id = newId();
        ProposalAccepted proposal = accepted(id, tenant, "auto");
        send(kafka, proposal);
        awaitStored(tenant, id);

        var body = given().auth().oauth2(TestJwt.member(tenant)).get("/v1/approvals/" + id)
                .then().statusCode(200)
                .body("proposal_id", equalTo(id))
                .body("tenant", equalTo(tenant))
                .body("state", equalTo("approved"))
                .body("approval_mode", equalTo("auto"))
                .body("action", equalTo(ValidationsFixture.ACTION))
                .body("action_version", equalTo(ValidationsFixture.ACTION_VERSION))
                .body("parameters.order_number", equalTo("ORD-12345"))
                .body("decided_by", hasSize(1))
                .body("decided_by[0].actor", equalTo("countersign"))
                .body("decided_by[0].channel", equalTo("auto"))
                .extract().jsonPath();
        assertThat(Instant.parse(body.getString("expires_at"))).isEqualTo(proposal.expiresAt());
        assertThat(Instant.parse(body.getString("decided_at")))
                .isEqualTo(Instant.parse(body.getString("decided_by[0].at")));
    }

    @Test
    void anAwaitingApprovalShowsWhoIsRequiredAndNoDecider() {
        String tenant = uniqueTenant();
        String id = newId();
        send(kafka, accepted(id, tenant, "require_approval"));
        awaitStored(tenant, id);

        given().auth().oauth2(TestJwt.member(tenant)).get("/v1/approvals/" + id)
                .then().statusCode(200)
                .body("state", equalTo("awaiting"))
                .body("approval_mode", equalTo("require_approval"))
                .body("required.end_user", equalTo(true))
                .body("required.quorum", equalTo(1))
                .body("decided_by", hasSize(0))
                .body("$", not(hasKey("decided_at")));
    }

    @Test
    void anotherTenantsOrAnUnknownProposalIsNotFound() {
        String tenant = uniqueTenant();
        String id = newId();
        send(kafka, accepted(id, tenant, "auto"));
        awaitStored(tenant, id);

        given().auth().oauth2(TestJwt.admin(uniqueTenant())).get("/v1/approvals/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not_found"));
        given().auth().oauth2(TestJwt.member(tenant)).get("/v1/approvals/" + newId())
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        given().get("/v1/approvals/" + newId()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().get("/v1/approvals").then().statusCode(401);
    }

    @Test
    void theListIsTheTenantsOwnFilteredByStateAndPagedByKeyset() {
        String tenant = uniqueTenant();
        List<String> awaiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = newId();
            awaiting.add(id);
            send(kafka, accepted(id, tenant, "require_approval"));
        }
        String approved = newId();
        send(kafka, accepted(approved, tenant, "auto"));
        awaiting.forEach(id -> awaitStored(tenant, id));
        awaitStored(tenant, approved);
        List<String> expected = awaiting.stream().sorted().toList();

        var first = given().auth().oauth2(TestJwt.member(tenant))
                .get("/v1/approvals?state=awaiting&limit=2")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.state", everyItem(equalTo("awaiting")))
                .extract().jsonPath();
        assertThat(first.getList("items.proposal_id", String.class)).isEqualTo(expected.subList(0, 2));
        String next = first.getString("next_after");
        assertThat(next).isEqualTo(expected.get(1));

        var second = given().auth().oauth2(TestJwt.member(tenant))
                .queryParam("state", "awaiting").queryParam("limit", 2).queryParam("after", next)
                .get("/v1/approvals")
                .then().statusCode(200)
                .body("next_after", nullValue())
                .extract().jsonPath();
        assertThat(second.getList("items.proposal_id", String.class)).isEqualTo(expected.subList(2, 3));

        given().auth().oauth2(TestJwt.member(tenant)).get("/v1/approvals?state=approved")
                .then().statusCode(200).body("items.proposal_id", equalTo(List.of(approved)));
        given().auth().oauth2(TestJwt.member(uniqueTenant())).get("/v1/approvals")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anUnknownStateOrALimitOutOfRangeIsA400Problem() {
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/approvals?state=pending")
                .then().statusCode(400).body("code", equalTo("malformed"));
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/approvals?limit=0")
                .then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/v1/approvals"))
                .body("paths", hasKey("/v1/approvals/{proposal_id}"))
                .body("components.securitySchemes", hasKey("bearer"));
    }
}
