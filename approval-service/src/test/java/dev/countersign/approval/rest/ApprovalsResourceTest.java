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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestDatabases;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
        initArgs = @ResourceArg(name = "database", value = ApprovalsResourceTest.DATABASE))
class ApprovalsResourceTest {
    static final String DATABASE = "countersign_approval_test";
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
                given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + proposalId)
                        .then().statusCode(200));
    }

    @Test
    void theOwnTenantReadsTheStateModeDeadlineAndDecidersOfAnApproval() {
        String tenant = uniqueTenant();
        String id = newId();
        ProposalAccepted proposal = accepted(id, tenant, "auto");
        send(kafka, proposal);
        awaitStored(tenant, id);

        var body = given().auth().oauth2(TestJwt.auditor(tenant)).get("/v1/approvals/" + id)
                .then().statusCode(200)
                .body("proposal_id", equalTo(id))
                .body("tenant", equalTo(tenant))
                .body("status", equalTo("approved"))
                .body("mode", equalTo("auto"))
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
    void aPendingApprovalShowsWhoIsRequiredAndNoDecider() {
        String tenant = uniqueTenant();
        String id = newId();
        send(kafka, accepted(id, tenant, "require_approval"));
        awaitStored(tenant, id);

        given().auth().oauth2(TestJwt.auditor(tenant)).get("/v1/approvals/" + id)
                .then().statusCode(200)
                .body("status", equalTo("pending"))
                .body("mode", equalTo("require_approval"))
                .body("required.end_user", equalTo(true))
                .body("required.approver", equalTo("end_user"))
                .body("required.quorum", equalTo(1))
                .body("decisions", hasSize(0))
                .body("decided_by", hasSize(0))
                .body("digest", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("may_decide", equalTo(false))
                .body("revision", equalTo(0))
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
        given().auth().oauth2(TestJwt.approver(uniqueTenant())).get("/v1/approvals/" + id)
                .then().statusCode(404).body("code", equalTo("not_found"));
        given().auth().oauth2(TestJwt.approver(tenant)).get("/v1/approvals/" + newId())
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void aTenantAdminReadsTooButAPlainMemberSeesNothingOfOthers() {
        String tenant = uniqueTenant();
        String id = newId();
        send(kafka, accepted(id, tenant, "require_approval"));
        awaitStored(tenant, id);

        given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + id)
                .then().statusCode(200).body("proposal_id", equalTo(id));
        given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals")
                .then().statusCode(200).body("items.proposal_id", equalTo(List.of(id)));
        given().auth().oauth2(TestJwt.auditor(tenant)).get("/v1/approvals/" + id)
                .then().statusCode(200);
        // An admin is no approver by that alone: nothing is pending for it to decide.
        given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals?status=pending")
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(TestJwt.member(tenant)).get("/v1/approvals/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("not_found"));
        given().auth().oauth2(TestJwt.submitter(tenant)).get("/v1/approvals")
                .then().statusCode(200).body("items", hasSize(0));
        // The end user (u-7) is named by the policy: it reads its own and may decide it.
        given().auth().oauth2(TestJwt.token("u-7", tenant)).get("/v1/approvals/" + id)
                .then().statusCode(200).body("may_decide", equalTo(true));
        given().auth().oauth2(TestJwt.token("u-7", tenant)).get("/v1/approvals?status=pending")
                .then().statusCode(200).body("items.proposal_id", equalTo(List.of(id)));
    }

    @Test
    void oneApprovalIsReadableByTheRuleListsFollow() {
        // Admins and auditors read the whole tenant's; everyone else, the approver group too, only what the policy
        // names them for or they decided: reading one approval and listing agree.
        String tenant = uniqueTenant();
        String endUsers = newId();
        String approvers = newId();
        send(kafka, accepted(endUsers, tenant, "require_approval"));
        send(kafka, ValidationsFixture.accepted(approvers, tenant, ValidationsFixture.PARAMETERS,
                ValidationsFixture.approval("require_approval", "role:approver", 1, false)));
        awaitStored(tenant, endUsers);
        awaitStored(tenant, approvers);
        String approver = TestJwt.approver(tenant);

        given().auth().oauth2(approver).get("/v1/approvals/" + endUsers).then().statusCode(404)
                .body("code", equalTo("not_found"));
        given().auth().oauth2(approver).get("/v1/approvals/" + approvers).then().statusCode(200);
        given().auth().oauth2(approver).get("/v1/approvals").then().statusCode(200)
                .body("items.proposal_id", equalTo(List.of(approvers)));
        for (String whole : List.of(TestJwt.admin(tenant), TestJwt.auditor(tenant))) {
            given().auth().oauth2(whole).get("/v1/approvals/" + endUsers).then().statusCode(200);
            given().auth().oauth2(whole).get("/v1/approvals").then().statusCode(200)
                    .body("items", hasSize(2));
        }
        // Whoever decided keeps reading it.
        given().auth().oauth2(TestJwt.token("u-7", tenant)).contentType("application/json").body("{}")
                .post("/v1/approvals/" + endUsers + "/deny").then().statusCode(200);
        given().auth().oauth2(TestJwt.token("u-7", tenant)).get("/v1/approvals/" + endUsers).then().statusCode(200)
                .body("status", equalTo("denied"));
    }

    @Test
    void theAcceptedSnapshotIsKeptWholeAndItsNumbersExactly() throws Exception {
        String tenant = uniqueTenant();
        String id = newId();
        ObjectNode data = Json.mapper().valueToTree(accepted(id, tenant, "require_approval"));
        ObjectNode parameters = (ObjectNode) data.path("parameters");
        parameters.put("big", new BigInteger("123456789012345678901"));
        parameters.put("ratio", new BigDecimal("0.1000000000000000055511151231257827"));
        data.put("added_later", "a field this service does not know yet");
        String text = Json.mapper().writeValueAsString(data);
        kafka.sendBinary(Topics.VALIDATIONS, id, UUID.randomUUID().toString(), EventTypes.PROPOSAL_ACCEPTED,
                Sources.PROPOSAL_SERVICE, id, text);
        awaitStored(tenant, id);

        String body = given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + id)
                .then().statusCode(200).extract().asString();
        assertThat(body).contains("\"big\":123456789012345678901")
                .contains("\"ratio\":0.1000000000000000055511151231257827");

        try (Connection c = DriverManager.getConnection(TestDatabases.jdbcUrl(DATABASE), TestDatabases.USER,
                TestDatabases.PASSWORD);
                PreparedStatement query = c.prepareStatement(
                        "SELECT snapshot::text FROM approvals WHERE tenant = ? AND proposal_id = ?")) {
            query.setString(1, tenant);
            query.setString(2, id);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                JsonNode stored = Json.mapper().readTree(row.getString(1));
                assertThat(stored).isEqualTo(data);
                assertThat(stored.path("submitted_by").asText()).isEqualTo(ValidationsFixture.SUBMITTED_BY);
                assertThat(stored.path("approval").path("mode").asText()).isEqualTo("require_approval");
            }
        }
    }

    @Test
    void withoutATokenTheApiAnswers401() {
        given().get("/v1/approvals/" + newId()).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().get("/v1/approvals").then().statusCode(401);
    }

    @Test
    void theListIsTheTenantsOwnFilteredByStatusAndPagedByKeyset() {
        String tenant = uniqueTenant();
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = newId();
            pending.add(id);
            send(kafka, ValidationsFixture.accepted(id, tenant, ValidationsFixture.PARAMETERS,
                    ValidationsFixture.approval("require_approval", "role:approver", 1, false)));
        }
        String approved = newId();
        send(kafka, accepted(approved, tenant, "auto"));
        pending.forEach(id -> awaitStored(tenant, id));
        awaitStored(tenant, approved);
        List<String> expected = pending.stream().sorted().toList();

        var first = given().auth().oauth2(TestJwt.approver(tenant))
                .get("/v1/approvals?status=pending&limit=2")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.status", everyItem(equalTo("pending")))
                .body("items.may_decide", everyItem(equalTo(true)))
                .extract().jsonPath();
        assertThat(first.getList("items.proposal_id", String.class)).isEqualTo(expected.subList(0, 2));
        String next = first.getString("next_after");
        assertThat(next).isEqualTo(expected.get(1));

        var second = given().auth().oauth2(TestJwt.approver(tenant))
                .queryParam("status", "pending").queryParam("limit", 2).queryParam("after", next)
                .get("/v1/approvals")
                .then().statusCode(200)
                .body("next_after", nullValue())
                .extract().jsonPath();
        assertThat(second.getList("items.proposal_id", String.class)).isEqualTo(expected.subList(2, 3));

        given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals?status=approved")
                .then().statusCode(200).body("items.proposal_id", equalTo(List.of(approved)));
        given().auth().oauth2(TestJwt.admin(tenant))
                .get("/v1/approvals?action=" + ValidationsFixture.ACTION + "&assistant=" + ValidationsFixture.ASSISTANT)
                .then().statusCode(200).body("items", hasSize(4));
        given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals?action=other")
                .then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(TestJwt.approver(uniqueTenant())).get("/v1/approvals")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anUnknownStatusOrALimitOutOfRangeIsA400Problem() {
        given().auth().oauth2(TestJwt.approver("acme")).get("/v1/approvals?status=awaiting")
                .then().statusCode(400).body("code", equalTo("malformed"));
        given().auth().oauth2(TestJwt.approver("acme")).get("/v1/approvals?limit=0")
                .then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpoints() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/v1/approvals"))
                .body("paths", hasKey("/v1/approvals/{proposal_id}"))
                .body("paths", hasKey("/v1/approvals/{proposal_id}/approve"))
                .body("paths", hasKey("/v1/approvals/{proposal_id}/deny"))
                .body("paths", hasKey("/v1/approvals/decisions"))
                .body("components.securitySchemes", hasKey("bearer"));
    }
}
