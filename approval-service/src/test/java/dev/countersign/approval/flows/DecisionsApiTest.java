package dev.countersign.approval.flows;

import static dev.countersign.approval.Flows.approve;
import static dev.countersign.approval.Flows.as;
import static dev.countersign.approval.Flows.awaitEvent;
import static dev.countersign.approval.Flows.deny;
import static dev.countersign.approval.Flows.eventsOf;
import static dev.countersign.approval.Flows.propose;
import static dev.countersign.approval.Flows.read;
import static dev.countersign.approval.Flows.token;
import static dev.countersign.approval.Flows.uniqueTenant;
import static dev.countersign.approval.ValidationsFixture.approval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.approval.Flows;
import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.actions.ApprovalRule;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Humans decide over REST, on the real broker and database: eligibility (role, end user, self-approval), quorum
 * of distinct people, denial, edits and digests, CEL rules routing to another role, expiry, bulk decisions, and
 * state that lives in PostgreSQL.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class DecisionsApiTest {
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

    static String digestOf(String tenant, String id) {
        return read(tenant, id).extract().path("digest");
    }

    /** Waits until a later auto proposal on the same partitions was approved: everything before it is out. */
    static void awaitQuiet(String tenant, String id) {
        String marker = ValidationsFixture.sameRoute(id);
        ValidationsFixture.send(kafka, ValidationsFixture.accepted(marker, tenant, "auto"));
        awaitEvent(approvals, marker, EventTypes.PROPOSAL_APPROVED);
    }

    @Test
    void aRoleApproverApprovesOverRestAndTheEventCarriesTheReceipt() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:approver", 1, true)).proposalId();
        JsonNode requested = awaitEvent(approvals, id, EventTypes.APPROVAL_REQUESTED).json();
        String digest = requested.path("digest").asText();
        assertThat(digest).isEqualTo(digestOf(tenant, id));

        approve(TestJwt.approver(tenant), id, Map.of("digest", digest, "comment", "Looks right."))
                .statusCode(200)
                .body("status", equalTo("approved"))
                .body("decisions", hasSize(1))
                .body("decisions[0].actor", equalTo("approver@" + tenant))
                .body("decisions[0].decision", equalTo("approve"))
                .body("decisions[0].role", equalTo("approver"))
                .body("decisions[0].channel", equalTo("rest"))
                .body("decisions[0].digest", equalTo(digest))
                .body("decided_by[0].comment", equalTo("Looks right."))
                .body("decided_at", not(nullValue()));

        JsonNode approved = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json();
        assertThat(approved.path("auto").asBoolean()).isFalse();
        assertThat(approved.has("proposed_parameters")).isFalse();
        JsonNode receipt = approved.path("approval");
        assertThat(receipt.path("mode").asText()).isEqualTo("require_approval");
        assertThat(receipt.path("digest").asText()).isEqualTo(digest);
        assertThat(receipt.path("approver").asText()).isEqualTo("role:approver");
        assertThat(receipt.path("quorum").asInt()).isEqualTo(1);
        assertThat(receipt.path("forbid_self_approval").asBoolean()).isTrue();
        assertThat(receipt.path("decided_by").get(0).path("actor").asText()).isEqualTo("approver@" + tenant);
        assertThat(receipt.path("decided_by")).isEqualTo(approved.path("decided_by"));
    }

    @Test
    void theAutoApprovalCarriesAReceiptNamingThePolicy() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("auto", "end_user", 1, false)).proposalId();

        JsonNode receipt = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json().path("approval");
        assertThat(receipt.path("mode").asText()).isEqualTo("auto");
        assertThat(receipt.path("digest").asText()).isEqualTo(digestOf(tenant, id));
        assertThat(receipt.path("decided_by").get(0).path("channel").asText()).isEqualTo("auto");
    }

    @Test
    void selfApprovalIsRefused() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:finance", 1, true)).proposalId();

        // The authenticated submitter and the proposing end user hold the role, and still may not approve.
        approve(token(ValidationsFixture.SUBMITTED_BY, tenant, "finance"), id, Map.of())
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("not_eligible"));
        approve(token(Flows.END_USER, tenant, "finance"), id, Map.of())
                .statusCode(403).body("code", equalTo("not_eligible"));
        // Admins are not approvers by that alone (separation of duties).
        approve(TestJwt.admin(tenant), id, Map.of()).statusCode(403).body("code", equalTo("not_eligible"));
        read(tenant, id).body("status", equalTo("pending"));

        approve(token("fin-1", tenant, "finance"), id, Map.of()).statusCode(200).body("status", equalTo("approved"));
    }

    @Test
    void aQuorumOfTwoNeedsTwoDifferentPeopleAndTheSamePersonTwiceCountsOnce() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:finance", 2, false)).proposalId();
        String fin1 = token("fin-1", tenant, "finance");

        approve(fin1, id, Map.of()).statusCode(200).body("status", equalTo("pending")).body("may_decide", equalTo(false));
        approve(fin1, id, Map.of()).statusCode(200).body("status", equalTo("pending")).body("decisions", hasSize(1));
        as(fin1).get("/v1/approvals?status=pending").then().statusCode(200).body("items", hasSize(0));
        as(token("fin-2", tenant, "finance")).get("/v1/approvals?status=pending").then()
                .body("items.proposal_id", equalTo(List.of(id)));

        approve(token("fin-2", tenant, "finance"), id, Map.of()).statusCode(200).body("status", equalTo("approved"));
        JsonNode approved = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json();
        assertThat(approved.path("decided_by").findValuesAsText("actor")).containsExactly("fin-1", "fin-2");
        assertThat(approved.path("approval").path("quorum").asInt()).isEqualTo(2);
        awaitQuiet(tenant, id);
        assertThat(eventsOf(approvals, id)).extracting(KafkaTestClient.Received::type)
                .containsExactly(EventTypes.APPROVAL_REQUESTED, EventTypes.PROPOSAL_APPROVED);
    }

    @Test
    void anEditInvalidatesEarlierApprovals() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:finance", 2, false)).proposalId();
        String fin1 = token("fin-1", tenant, "finance");
        String fin2 = token("fin-2", tenant, "finance");
        String first = digestOf(tenant, id);
        approve(fin1, id, Map.of("digest", first)).statusCode(200);

        Map<String, Object> edited = new HashMap<>(ValidationsFixture.PARAMETERS);
        edited.put("amount", new BigDecimal("12.50"));
        String second = approve(fin2, id, Map.of("digest", first, "parameters", edited, "comment", "less"))
                .statusCode(200)
                .body("status", equalTo("pending"))
                .body("parameters.amount", equalTo(12.50f))
                .body("proposed_parameters.amount", equalTo(42))
                .extract().path("digest");
        assertThat(second).isNotEqualTo(first);

        // fin-1 approved what is no longer proposed: that approval does not count, an approval of it is stale.
        approve(fin1, id, Map.of("digest", first)).statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("stale_digest"));
        approve(fin1, id, Map.of("parameters", Map.of("order_number", "bad", "amount", 1)))
                .statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("invalid_parameters"))
                .body("errors[0].path", equalTo("parameters.order_number"))
                .body("errors[0].code", equalTo("invalid_format"));
        read(tenant, id).body("status", equalTo("pending")).body("digest", equalTo(second));
        // The edit is announced: what is pending now, under its new digest.
        KafkaTestClient.await(approvals, r -> id.equals(r.key()) && EventTypes.APPROVAL_REQUESTED.equals(r.type())
                && second.equals(r.json().path("digest").asText()), Flows.WAIT);

        approve(fin1, id, Map.of("digest", second)).statusCode(200).body("status", equalTo("approved"));
        JsonNode approved = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json();
        assertThat(approved.path("parameters").path("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(approved.path("proposed_parameters").path("amount").asInt()).isEqualTo(42);
        assertThat(approved.path("approval").path("digest").asText()).isEqualTo(second);
        assertThat(approved.path("approval").path("proposed_parameters").path("amount").asInt()).isEqualTo(42);
        assertThat(approved.path("decided_by").findValuesAsText("actor")).containsExactly("fin-2", "fin-1");
    }

    @Test
    void aCelRuleRoutesALargeAmountToAnotherRole() {
        String tenant = uniqueTenant();
        Map<String, Object> large = Map.of("order_number", "ORD-9", "amount", 5000);
        ProposalAccepted proposal = propose(kafka, ValidationsFixture.accepted(ValidationsFixture.newId(), tenant,
                large, approval("auto", "role:approver", 1, false,
                        new ApprovalRule("parameters.amount > 1000", "role:finance", 1))));
        String id = proposal.proposalId();

        // A rule matching on an auto action requires approval, from the role it names.
        JsonNode requested = awaitEvent(approvals, id, EventTypes.APPROVAL_REQUESTED).json();
        assertThat(requested.path("required").path("approver").asText()).isEqualTo("role:finance");
        assertThat(requested.path("required").path("rule").asText()).isEqualTo("parameters.amount > 1000");
        read(tenant, id).body("mode", equalTo("require_approval")).body("required.role", equalTo("finance"));

        approve(TestJwt.approver(tenant), id, Map.of()).statusCode(403).body("code", equalTo("not_eligible"));
        approve(token("cfo", tenant, "finance"), id, Map.of()).statusCode(200);
        JsonNode receipt = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json().path("approval");
        assertThat(receipt.path("rule").asText()).isEqualTo("parameters.amount > 1000");
        assertThat(receipt.path("approver").asText()).isEqualTo("role:finance");
    }

    @Test
    void anotherTenantsApprovalIsNotFound() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:approver", 1, false)).proposalId();
        String stranger = TestJwt.approver(uniqueTenant());

        approve(stranger, id, Map.of()).statusCode(404).body("code", equalTo("not_found"));
        deny(stranger, id, "no").statusCode(404).body("code", equalTo("not_found"));
        as(stranger).get("/v1/approvals/" + id).then().statusCode(404);
        read(tenant, id).body("status", equalTo("pending")).body("decisions", hasSize(0));
    }

    @Test
    void anEligibleDenialDeniesAndNothingDecidesItAgain() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "end_user", 1, false)).proposalId();
        String user = token(Flows.END_USER, tenant);

        deny(TestJwt.approver(tenant), id, "not mine").statusCode(403).body("code", equalTo("not_eligible"));
        deny(user, id, "Wrong order.").statusCode(200).body("status", equalTo("denied"));

        JsonNode denied = awaitEvent(approvals, id, EventTypes.PROPOSAL_DENIED).json();
        assertThat(denied.path("reason").asText()).isEqualTo("Wrong order.");
        assertThat(denied.path("decided_by").get(0).path("actor").asText()).isEqualTo(Flows.END_USER);
        assertThat(denied.path("decided_by").get(0).path("channel").asText()).isEqualTo("rest");
        approve(user, id, Map.of()).statusCode(409).body("code", equalTo("already_decided"));
    }

    @Test
    void anUndecidedProposalExpiresAndALaterDecisionIsRefused() {
        String tenant = uniqueTenant();
        Instant deadline = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        ProposalAccepted proposal = propose(kafka, ValidationsFixture.accepted(ValidationsFixture.newId(), tenant,
                deadline, ValidationsFixture.PARAMETERS, approval("require_approval", "end_user", 1, false)));
        String id = proposal.proposalId();

        JsonNode expired = awaitEvent(approvals, id, EventTypes.PROPOSAL_EXPIRED).json();
        assertThat(Instant.parse(expired.path("expired_at").asText())).isEqualTo(deadline);
        read(tenant, id).body("status", equalTo("expired"));
        approve(token(Flows.END_USER, tenant), id, Map.of()).statusCode(409).body("code", equalTo("expired"));
        awaitQuiet(tenant, id);
        assertThat(eventsOf(approvals, id)).extracting(KafkaTestClient.Received::type)
                .containsExactly(EventTypes.APPROVAL_REQUESTED, EventTypes.PROPOSAL_EXPIRED);
    }

    @Test
    void aBulkRequestAnswersEveryItemOnItsOwn() {
        String tenant = uniqueTenant();
        String mine = propose(kafka, tenant, approval("require_approval", "role:approver", 1, false)).proposalId();
        String financeOnly = propose(kafka, tenant, approval("require_approval", "role:finance", 1, false))
                .proposalId();
        String toDeny = propose(kafka, tenant, approval("require_approval", "role:approver", 1, false)).proposalId();

        as(TestJwt.approver(tenant)).body(Map.of("items", List.of(
                        Map.of("proposal_id", mine, "decision", "approve", "comment", "ok"),
                        Map.of("proposal_id", financeOnly, "decision", "approve"),
                        Map.of("proposal_id", "p-unknown", "decision", "approve"),
                        Map.of("proposal_id", toDeny, "decision", "maybe"),
                        Map.of("proposal_id", toDeny, "decision", "deny", "comment", "no"))))
                .post("/v1/approvals/decisions")
                .then().statusCode(200)
                .body("results", hasSize(5))
                .body("results.proposal_id", equalTo(List.of(mine, financeOnly, "p-unknown", toDeny, toDeny)))
                .body("results.status", equalTo(List.of("approved", "refused", "refused", "refused", "denied")))
                .body("results[0].problem", nullValue())
                .body("results[1].problem.code", equalTo("not_eligible"))
                .body("results[1].problem.status", equalTo(403))
                .body("results[2].problem.code", equalTo("not_found"))
                .body("results[3].problem.code", equalTo("malformed"));
        read(tenant, financeOnly).body("status", equalTo("pending"));
        awaitEvent(approvals, mine, EventTypes.PROPOSAL_APPROVED);
        assertThat(awaitEvent(approvals, toDeny, EventTypes.PROPOSAL_DENIED).json().path("reason").asText())
                .isEqualTo("no");
        as(TestJwt.approver(tenant)).body(Map.of("items", List.of())).post("/v1/approvals/decisions")
                .then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void aPendingApprovalLivesInPostgresqlAndIsDecidedFromThere() throws Exception {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:finance", 2, true)).proposalId();
        approve(token("fin-1", tenant, "finance"), id, Map.of("comment", "first")).statusCode(200);

        // Everything the wait needs is in the database (a restarted service reads exactly this).
        try (Connection c = DriverManager.getConnection(TestDatabases.jdbcUrl("countersign_approval_test"),
                TestDatabases.USER, TestDatabases.PASSWORD)) {
            try (PreparedStatement q = c.prepareStatement("SELECT status, digest, approver, quorum, "
                    + "forbid_self_approval, end_user_id, submitted_by, parameters::text FROM approvals "
                    + "WHERE tenant = ? AND proposal_id = ?")) {
                q.setString(1, tenant);
                q.setString(2, id);
                try (ResultSet row = q.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("pending");
                    assertThat(row.getString(2)).isEqualTo(digestOf(tenant, id));
                    assertThat(row.getString(3)).isEqualTo("role:finance");
                    assertThat(row.getInt(4)).isEqualTo(2);
                    assertThat(row.getBoolean(5)).isTrue();
                    assertThat(row.getString(6)).isEqualTo(Flows.END_USER);
                    assertThat(row.getString(7)).isEqualTo(ValidationsFixture.SUBMITTED_BY);
                    assertThat(Json.mapper().readTree(row.getString(8)))
                            .isEqualTo(Json.mapper().valueToTree(ValidationsFixture.PARAMETERS));
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT actor, decision, channel, comment FROM decisions "
                    + "WHERE tenant = ? AND proposal_id = ?")) {
                q.setString(1, tenant);
                q.setString(2, id);
                try (ResultSet row = q.executeQuery()) {
                    assertThat(row.next()).isTrue();
                    assertThat(row.getString(1)).isEqualTo("fin-1");
                    assertThat(row.getString(2)).isEqualTo("approve");
                    assertThat(row.getString(3)).isEqualTo("rest");
                    assertThat(row.getString(4)).isEqualTo("first");
                    assertThat(row.next()).isFalse();
                }
            }
        }

        approve(token("fin-2", tenant, "finance"), id, Map.of()).statusCode(200).body("status", equalTo("approved"));
        assertThat(awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json().path("decided_by")
                .findValuesAsText("comment")).containsExactly("first");
    }

    // --- Security review ---------------------------------------------------------------------------------

    @Test
    void anEditIsCheckedAgainstTheRulesItsNewParametersMeet() {
        String tenant = uniqueTenant();
        String id = propose(kafka, ValidationsFixture.accepted(ValidationsFixture.newId(), tenant,
                Map.of("order_number", "ORD-12345", "amount", 50), approval("require_approval", "role:support", 1,
                        false, new ApprovalRule("parameters.amount > 1000", "role:finance", 2)))).proposalId();
        read(tenant, id).body("required.approver", equalTo("role:support"));
        Map<String, Object> large = Map.of("order_number", "ORD-12345", "amount", 50000);

        // A support approver cannot carry the proposal past the finance rule by editing it.
        approve(token("sam", tenant, "support"), id, Map.of("parameters", large)).statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("not_eligible"))
                .body("detail", org.hamcrest.Matchers.containsString("role finance"));
        read(tenant, id).body("status", equalTo("pending")).body("parameters.amount", equalTo(50))
                .body("required.approver", equalTo("role:support")).body("decisions", hasSize(0))
                .body("revision", equalTo(0));

        // A finance member (who may also decide it as support) edits: finance, quorum 2, and the edit is 1 of 2.
        approve(token("fay", tenant, "support", "finance"), id, Map.of("parameters", large)).statusCode(200)
                .body("status", equalTo("pending"))
                .body("required.approver", equalTo("role:finance"))
                .body("required.quorum", equalTo(2))
                .body("required.rule", equalTo("parameters.amount > 1000"))
                .body("decisions[0].role", equalTo("finance"))
                .body("revision", equalTo(1));
        approve(token("sam", tenant, "support"), id, Map.of()).statusCode(403).body("code", equalTo("not_eligible"));
        approve(token("fin-2", tenant, "finance"), id, Map.of()).statusCode(200).body("status", equalTo("approved"));
        JsonNode approved = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json();
        assertThat(approved.path("decided_by").findValuesAsText("actor")).containsExactly("fay", "fin-2");
        assertThat(approved.path("approval").path("approver").asText()).isEqualTo("role:finance");
        assertThat(approved.path("approval").path("quorum").asInt()).isEqualTo(2);
        assertThat(approved.path("approval").path("rule").asText()).isEqualTo("parameters.amount > 1000");
        assertThat(approved.path("parameters").path("amount").asInt()).isEqualTo(50000);
    }

    @Test
    void theSubmitterCannotApproveAsTheEndUserItNamed() {
        String tenant = uniqueTenant();
        ProposalAccepted base = ValidationsFixture.accepted(ValidationsFixture.newId(), tenant,
                ValidationsFixture.PARAMETERS, approval("require_approval", "end_user", 1, false));
        // The submitter's token declared user.id as itself.
        String id = propose(kafka, new ProposalAccepted(base.proposalId(), base.tenant(), base.assistant(),
                base.action(), base.parameters(), base.conversationId(),
                new dev.countersign.contracts.events.User(ValidationsFixture.SUBMITTED_BY, null, null), base.trigger(),
                base.reason(), base.actionVersion(), base.approvalMode(), base.expiresAt(), base.submittedAt(),
                base.submittedBy(), base.approval(), base.parametersSchema())).proposalId();
        String submitter = token(ValidationsFixture.SUBMITTED_BY, tenant, "countersign-submitter");

        approve(submitter, id, Map.of()).statusCode(403).body("code", equalTo("not_eligible"))
                .body("detail", org.hamcrest.Matchers.containsString("submitter"));
        as(submitter).get("/v1/approvals?status=pending").then().statusCode(200).body("items", hasSize(0));
        as(submitter).get("/v1/approvals/" + id).then().statusCode(200).body("may_decide", equalTo(false));
        read(tenant, id).body("status", equalTo("pending")).body("decisions", hasSize(0));
    }

    @Test
    void editingBackToEarlierParametersRevivesNoApprovalAndRepeatedEditsNeverFail() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:finance", 2, false)).proposalId();
        String alice = token("alice", tenant, "finance");
        String bob = token("bob", tenant, "finance");
        Map<String, Object> a = ValidationsFixture.PARAMETERS;
        Map<String, Object> b = new HashMap<>(a);
        b.put("amount", 40);
        String digestA = digestOf(tenant, id);

        approve(alice, id, Map.of()).statusCode(200).body("status", equalTo("pending"));
        approve(alice, id, Map.of("parameters", b)).statusCode(200).body("status", equalTo("pending"));
        // Back to A: alice's first approval was of revision 0 and does not count again.
        approve(bob, id, Map.of("parameters", a)).statusCode(200)
                .body("status", equalTo("pending"))
                .body("digest", equalTo(digestA))
                .body("revision", equalTo(2))
                .body("decisions", hasSize(3))
                .body("decisions.revision", equalTo(List.of(0, 1, 2)));
        // A -> B -> A -> B: each edit a decision of its own (the same person, digest and decision again).
        approve(alice, id, Map.of("parameters", b)).statusCode(200).body("status", equalTo("pending"));
        approve(bob, id, Map.of("parameters", a)).statusCode(200).body("status", equalTo("pending"))
                .body("revision", equalTo(4)).body("decisions", hasSize(5));
        approve(alice, id, Map.of("digest", digestA)).statusCode(200).body("status", equalTo("approved"));
        JsonNode approved = awaitEvent(approvals, id, EventTypes.PROPOSAL_APPROVED).json();
        assertThat(approved.path("decided_by").findValuesAsText("actor")).containsExactly("bob", "alice");
        assertThat(approved.path("approval").path("digest").asText()).isEqualTo(digestA);
    }

    @Test
    void anApproverWhoApprovedMayStillDeny() {
        String tenant = uniqueTenant();
        String id = propose(kafka, tenant, approval("require_approval", "role:finance", 2, false)).proposalId();
        String fin1 = token("fin-1", tenant, "finance");
        approve(fin1, id, Map.of("comment", "fine")).statusCode(200).body("status", equalTo("pending"));

        deny(fin1, id, "On second thoughts, no.").statusCode(200).body("status", equalTo("denied"))
                .body("decisions.decision", equalTo(List.of("approve", "deny")))
                .body("decided_by[0].actor", equalTo("fin-1"));
        JsonNode denied = awaitEvent(approvals, id, EventTypes.PROPOSAL_DENIED).json();
        assertThat(denied.path("reason").asText()).isEqualTo("On second thoughts, no.");
        assertThat(denied.path("decided_by").get(0).path("actor").asText()).isEqualTo("fin-1");
    }
}
