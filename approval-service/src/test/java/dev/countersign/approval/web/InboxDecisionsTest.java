package dev.countersign.approval.web;

import static dev.countersign.approval.web.WebFixture.awaitPending;
import static dev.countersign.approval.web.WebFixture.newId;
import static dev.countersign.approval.web.WebFixture.proposal;
import static dev.countersign.approval.web.WebFixture.publish;
import static dev.countersign.approval.web.WebFixture.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inbox's pages and forms over HTTP (the browser test drives the same pages in Chromium): what is listed,
 * approve, deny, edit-then-approve, and every refusal as a page with its status, on the real broker and database.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class InboxDecisionsTest {
    static final Pattern DIGEST = Pattern.compile("name=\"digest\" value=\"([0-9a-f]{64})\"");
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> approvals;

    @BeforeAll
    static void connect() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        approvals = kafka.watch(Topics.APPROVALS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String pending(String tenant, String approver) {
        String id = newId();
        publish(kafka, proposal(id, tenant, approver, WebFixture.PARAMETERS));
        awaitPending(tenant, id);
        return id;
    }

    /** The digest the proposal page's forms carry. */
    static String pageDigest(String token, String id) {
        Matcher m = DIGEST.matcher(given().auth().oauth2(token).get("/proposals/" + id).then().statusCode(200)
                .extract().body().asString());
        assertThat(m.find()).as("the page offers decision forms").isTrue();
        return m.group(1);
    }

    /** A form post as the page's browser sends it: session cookie and the CSRF pair. */
    static RequestSpecification form(String token) {
        String csrf = WebFixture.csrf();
        return given().redirects().follow(false).cookie(WebFixture.SESSION, token).cookie(WebFixture.CSRF, csrf)
                .formParam("csrf-token", csrf);
    }

    static JsonNode awaitEvent(String id, String type) {
        return KafkaTestClient.await(approvals, r -> id.equals(r.key()) && type.equals(r.type()),
                Duration.ofSeconds(30)).json();
    }

    @Test
    void theListShowsOnlyWhatTheApproverMayDecideAndEscapesEveryValue() {
        String tenant = WebFixture.tenant();
        String hostile = newId();
        publish(kafka, proposal(hostile, tenant, "role:approver",
                Map.of("order_number", "<script>alert(1)</script>", "amount", 5),
                Instant.now().plus(1, ChronoUnit.HOURS), "<img src=x onerror=alert(2)> please"));
        awaitPending(tenant, hostile);
        String finance = pending(tenant, "role:finance");

        String page = given().cookie(WebFixture.SESSION, TestJwt.approver(tenant)).get("/").then()
                .statusCode(200).extract().body().asString();
        assertThat(page).contains("id=\"item-" + hostile + "\"").doesNotContain(finance)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
                .contains("&lt;img src=x onerror=alert(2)&gt; please").doesNotContain("<img src=x")
                .contains(WebFixture.ACTION).contains("Expires").contains("role approver");

        // The finance proposal is listed for finance; the plain approver, whom its policy does not name, does not
        // see its page at all (one approval is readable by the same rule lists follow).
        given().auth().oauth2(TestJwt.token("fin@" + tenant, tenant, "finance")).get("/").then().statusCode(200)
                .body(containsString("id=\"item-" + finance + "\"")).body(not(containsString(hostile)));
        given().auth().oauth2(TestJwt.approver(tenant)).get("/proposals/" + finance).then().statusCode(404)
                .body(containsString("data-code=\"not_found\"")).body(not(containsString("id=\"approve-form\"")));
        // Someone it names but who may not decide it (the submitter, under forbid_self_approval) sees why not.
        String own = newId();
        var base = proposal(own, tenant, "role:finance", WebFixture.PARAMETERS);
        publish(kafka, new dev.countersign.contracts.events.ProposalAccepted(base.proposalId(), base.tenant(),
                base.assistant(), base.action(), base.parameters(), base.conversationId(), base.user(), base.trigger(),
                base.reason(), base.actionVersion(), base.approvalMode(), base.expiresAt(), base.submittedAt(),
                base.submittedBy(), new dev.countersign.contracts.actions.Approval("require_approval", "role:finance",
                        1, true, 60, java.util.List.of()), base.parametersSchema()));
        awaitPending(tenant, own);
        given().auth().oauth2(TestJwt.token(WebFixture.SUBMITTED_BY, tenant, "finance")).get("/proposals/" + own)
                .then().statusCode(200).body(containsString("id=\"why-not\""))
                .body(not(containsString("id=\"approve-form\"")));
    }

    @Test
    void approveFromTheProposalPageRecordsTheInboxChannel() {
        String tenant = WebFixture.tenant();
        String token = TestJwt.approver(tenant);
        String id = pending(tenant, "role:approver");
        String digest = pageDigest(token, id);
        form(token).formParam("digest", digest).formParam("comment", "fine").post("/proposals/" + id + "/approve")
                .then().statusCode(303).header("Location", "/proposals/" + id + "?decided=approved");
        JsonNode data = awaitEvent(id, EventTypes.PROPOSAL_APPROVED);
        assertThat(data.path("decided_by").get(0).path("channel").asText()).isEqualTo("inbox");
        assertThat(data.path("decided_by").get(0).path("actor").asText()).isEqualTo("approver@" + tenant);
        given().cookie(WebFixture.SESSION, token).get("/proposals/" + id + "?decided=approved").then()
                .statusCode(200).body(containsString("Your approval was recorded."))
                .body(containsString(">approved</span>")).body(not(containsString("id=\"approve-form\"")));
    }

    @Test
    void denyWithAReason() {
        String tenant = WebFixture.tenant();
        String token = TestJwt.approver(tenant);
        String id = pending(tenant, "role:approver");
        form(token).formParam("digest", pageDigest(token, id)).formParam("reason", "not this one")
                .post("/proposals/" + id + "/deny").then().statusCode(303);
        assertThat(awaitEvent(id, EventTypes.PROPOSAL_DENIED).path("reason").asText()).isEqualTo("not this one");
        assertThat(status(tenant, id)).isEqualTo("denied");
    }

    @Test
    void editThenApproveKeepsProposedAndEffectiveParametersApart() {
        String tenant = WebFixture.tenant();
        String token = TestJwt.approver(tenant);
        String id = pending(tenant, "role:approver");
        form(token).formParam("digest", pageDigest(token, id))
                .formParam("parameters", "{\"order_number\": \"ORD-12345\", \"amount\": 40.50, \"notify\": false}")
                .post("/proposals/" + id + "/edit").then().statusCode(303)
                .header("Location", "/proposals/" + id + "?decided=edited");
        JsonNode data = awaitEvent(id, EventTypes.PROPOSAL_APPROVED);
        assertThat(data.path("parameters").path("amount").decimalValue()).isEqualByComparingTo("40.50");
        assertThat(data.path("parameters").path("amount").toString()).isEqualTo("40.50");
        assertThat(data.path("parameters").path("notify").asBoolean()).isFalse();
        assertThat(data.path("proposed_parameters").path("amount").asInt()).isEqualTo(42);
    }

    @Test
    void anInvalidEditShowsThePageAgainWithEveryErrorAndDecidesNothing() {
        String tenant = WebFixture.tenant();
        String token = TestJwt.approver(tenant);
        String id = pending(tenant, "role:approver");
        String digest = pageDigest(token, id);
        Response invalid = form(token).formParam("digest", digest)
                .formParam("parameters", "{\"order_number\": \"ORD-1\", \"amount\": 5000, \"extra\": 1}")
                .post("/proposals/" + id + "/edit");
        invalid.then().statusCode(422).body(containsString("id=\"problem\"")).body(containsString("amount"))
                .body(containsString("extra"))
                // the submitted text is kept for correcting it
                .body(containsString("&quot;amount&quot;: 5000"));
        form(token).formParam("digest", digest).formParam("parameters", "{not json")
                .post("/proposals/" + id + "/edit").then().statusCode(422).body(containsString("not valid JSON"));
        form(token).formParam("digest", digest).formParam("parameters", "[1, 2]")
                .post("/proposals/" + id + "/edit").then().statusCode(422).body(containsString("JSON object"));
        assertThat(status(tenant, id)).isEqualTo("pending");
    }

    @Test
    void aStalePageGetsAClearStaleDigestAnswer() {
        String tenant = WebFixture.tenant();
        String token = TestJwt.approver(tenant);
        String id = pending(tenant, "role:approver");
        form(token).formParam("digest", "0".repeat(64)).post("/proposals/" + id + "/approve").then()
                .statusCode(409).contentType(containsString("text/html"))
                .body(containsString("data-code=\"stale_digest\"")).body(containsString("/proposals/" + id));
        assertThat(status(tenant, id)).isEqualTo("pending");
    }

    @Test
    void aDecisionFormWithoutTheCsrfTokenIsRefusedAndDecidesNothing() {
        String tenant = WebFixture.tenant();
        String token = TestJwt.approver(tenant);
        String id = pending(tenant, "role:approver");
        String digest = pageDigest(token, id);
        given().redirects().follow(false).cookie(WebFixture.SESSION, token).formParam("digest", digest)
                .post("/proposals/" + id + "/approve").then().statusCode(403);
        given().redirects().follow(false).auth().oauth2(token).cookie(WebFixture.CSRF, WebFixture.csrf())
                .formParam("csrf-token", WebFixture.csrf()).formParam("digest", digest)
                .post("/proposals/" + id + "/deny").then().statusCode(403);
        assertThat(status(tenant, id)).isEqualTo("pending");
    }

    @Test
    void someoneWhoMayNotDecideGetsAForbiddenPageAndAnotherTenantsProposalIsNotFound() {
        String tenant = WebFixture.tenant();
        String id = pending(tenant, "role:finance");
        String approver = TestJwt.approver(tenant);
        String digest = WebFixture.csrf().isEmpty() ? null : given().auth().oauth2(TestJwt.admin(tenant))
                .get("/v1/approvals/" + id).then().extract().path("digest");
        form(approver).formParam("digest", digest).post("/proposals/" + id + "/approve").then().statusCode(403)
                .body(containsString("data-code=\"not_eligible\""));

        String other = TestJwt.token("fin@elsewhere", WebFixture.tenant(), "finance");
        given().auth().oauth2(other).get("/proposals/" + id).then().statusCode(404)
                .body(containsString("data-code=\"not_found\""));
        form(other).formParam("digest", digest).post("/proposals/" + id + "/approve").then().statusCode(404);
        assertThat(status(tenant, id)).isEqualTo("pending");
    }
}
