package dev.countersign.approval.web;

import static dev.countersign.approval.web.WebFixture.awaitPending;
import static dev.countersign.approval.web.WebFixture.newId;
import static dev.countersign.approval.web.WebFixture.proposal;
import static dev.countersign.approval.web.WebFixture.publish;
import static dev.countersign.approval.web.WebFixture.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.web.links.LinkClaims;
import dev.countersign.approval.web.links.LinkTokens;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
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
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed one-time links (DESIGN §4b) on the real broker and database: issued by an admin or the approver, GET
 * decides nothing, POST decides once, and every way of misusing one is refused with its own status and code.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = LinksTest.DATABASE))
class LinksTest {
    static final String DATABASE = "countersign_approval_test";
    static final String PUBLIC_URL = "http://localhost:8083";
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

    /** A pending role:approver proposal of a new tenant; answers {tenant, id}. */
    static String[] pendingProposal(String approver) {
        String tenant = WebFixture.tenant();
        String id = newId();
        publish(kafka, proposal(id, tenant, approver, WebFixture.PARAMETERS));
        awaitPending(tenant, id);
        return new String[] {tenant, id};
    }

    static Response issue(String token, String id, String approver) {
        return given().auth().oauth2(token).contentType("application/json")
                .body(approver == null ? "{}" : "{\"approver\": \"" + approver + "\"}")
                .post("/v1/approvals/" + id + "/links");
    }

    static JsonPath issued(String tenant, String id, String approver) {
        return issue(TestJwt.admin(tenant), id, approver).then().statusCode(201).extract().jsonPath();
    }

    static String path(String url) {
        assertThat(url).startsWith(PUBLIC_URL + "/a/");
        return url.substring(PUBLIC_URL.length());
    }

    /** Opens the page like a browser and posts its form (with the CSRF pair the page issued). */
    static Response confirm(String path, String comment) {
        String csrf = WebFixture.csrf();
        var request = given().cookie(WebFixture.CSRF, csrf).formParam("csrf-token", csrf);
        if (comment != null) {
            request.formParam("comment", comment);
        }
        return request.post(path);
    }

    static KafkaTestClient.Received awaitEvent(String id, String type) {
        return KafkaTestClient.await(approvals, r -> id.equals(r.key()) && type.equals(r.type()),
                Duration.ofSeconds(30));
    }

    static LinkTokens tokens() {
        return new LinkTokens(ConfigProvider.getConfig().getValue("countersign.approval.links.secret", String.class));
    }

    /** Stores a link row as the service would, for cases the API refuses to issue (a test of the use-time checks). */
    static String storeLink(String tenant, String id, String approver, Decision decision, String digest,
            String groupsJson, Instant expiresAt) throws Exception {
        return storeLink(tenant, id, approver, decision, digest, groupsJson, expiresAt, "test");
    }

    /** Like {@link #storeLink(String, String, String, Decision, String, String, Instant)}, issued by {@code issuer}. */
    static String storeLink(String tenant, String id, String approver, Decision decision, String digest,
            String groupsJson, Instant expiresAt, String issuer) throws Exception {
        String linkId = UUID.randomUUID().toString();
        try (Connection c = DriverManager.getConnection(TestDatabases.jdbcUrl(DATABASE), TestDatabases.USER,
                TestDatabases.PASSWORD);
                PreparedStatement insert = c.prepareStatement("INSERT INTO approval_links (link_id, issue_id, tenant, "
                        + "proposal_id, approver, decision, digest, groups, issued_by, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)")) {
            insert.setString(1, linkId);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, tenant);
            insert.setString(4, id);
            insert.setString(5, approver);
            insert.setString(6, decision.wire());
            insert.setString(7, digest);
            insert.setString(8, groupsJson);
            insert.setString(9, issuer);
            insert.setTimestamp(10, java.sql.Timestamp.from(expiresAt));
            insert.executeUpdate();
        }
        return "/a/" + tokens().sign(new LinkClaims(linkId, tenant, id, approver, decision, digest,
                expiresAt.truncatedTo(ChronoUnit.SECONDS)));
    }

    static Instant usedAt(String path) throws Exception {
        String linkId = tokens().verify(path.substring(3)).orElseThrow().linkId();
        try (Connection c = DriverManager.getConnection(TestDatabases.jdbcUrl(DATABASE), TestDatabases.USER,
                TestDatabases.PASSWORD);
                PreparedStatement query = c.prepareStatement("SELECT used_at FROM approval_links WHERE link_id = ?")) {
            query.setString(1, linkId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getTimestamp(1) == null ? null : row.getTimestamp(1).toInstant();
            }
        }
    }

    static String digest(String tenant, String id) {
        return given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + id).then().statusCode(200)
                .extract().path("digest");
    }

    @Test
    void anAdminIssuesApproveAndDenyLinksWhoseGetShowsTheProposalAndDecidesNothing() throws Exception {
        // The proposal outlives the links' default two hours, so the links get exactly those.
        String tenant = WebFixture.tenant();
        String id = newId();
        publish(kafka, proposal(id, tenant, "role:approver", WebFixture.PARAMETERS, Instant.now().plus(Duration.ofHours(3))));
        awaitPending(tenant, id);
        Instant before = Instant.now();
        JsonPath links = issued(tenant, id, "approver@" + tenant);
        Instant expiresAt = Instant.parse(links.getString("expires_at"));
        assertThat(expiresAt).isBetween(before.plus(Duration.ofHours(2)).minusSeconds(2),
                Instant.now().plus(Duration.ofHours(2)));
        String approve = path(links.getString("approve_url"));
        String deny = path(links.getString("deny_url"));
        assertThat(approve).isNotEqualTo(deny);

        // Link scanners prefetch: GET (and HEAD) any number of times, nothing is decided or used up.
        for (int i = 0; i < 3; i++) {
            given().get(approve).then().statusCode(200).contentType(containsString("text/html"))
                    .body(containsString(WebFixture.ACTION)).body(containsString("ORD-12345"))
                    .body(containsString("damaged parcel")).body(containsString("id=\"confirm\""))
                    .body(containsString(">Approve</button>"));
            given().head(approve).then().statusCode(200);
        }
        given().get(deny).then().statusCode(200).body(containsString(">Deny</button>"));
        assertThat(status(tenant, id)).isEqualTo("pending");
        assertThat(usedAt(approve)).isNull();
        assertThat(approvals.stream().filter(r -> id.equals(r.key())).map(KafkaTestClient.Received::type))
                .doesNotContain(EventTypes.PROPOSAL_APPROVED, EventTypes.PROPOSAL_DENIED);
    }

    @Test
    void postingTheFormApprovesOnceThroughTheLinkChannelAndASecondUseIsAlreadyUsed() throws Exception {
        String[] p = pendingProposal("role:approver");
        String tenant = p[0];
        String id = p[1];
        JsonPath links = issued(tenant, id, "approver@" + tenant);
        String approve = path(links.getString("approve_url"));
        String deny = path(links.getString("deny_url"));

        confirm(approve, "looks right").then().statusCode(200).body(containsString("Thank you"))
                .body(containsString("approved"));
        assertThat(status(tenant, id)).isEqualTo("approved");
        JsonNode data = awaitEvent(id, EventTypes.PROPOSAL_APPROVED).json();
        assertThat(data.path("decided_by").get(0).path("actor").asText()).isEqualTo("approver@" + tenant);
        assertThat(data.path("decided_by").get(0).path("channel").asText()).isEqualTo("link");
        assertThat(data.path("decided_by").get(0).path("comment").asText()).isEqualTo("looks right");
        assertThat(usedAt(approve)).isNotNull();
        assertThat(usedAt(deny)).as("the pair is used up together").isNotNull();

        for (String used : List.of(approve, deny)) {
            confirm(used, null).then().statusCode(409).body(containsString("data-code=\"already_used\""));
            given().get(used).then().statusCode(409).body(containsString("already_used"));
        }
    }

    @Test
    void theDenyLinkDeniesWithItsCommentAsTheReason() {
        String[] p = pendingProposal("role:approver");
        String tenant = p[0];
        String id = p[1];
        String deny = path(issued(tenant, id, "approver@" + tenant).getString("deny_url"));
        confirm(deny, "wrong order").then().statusCode(200).body(containsString("denied"));
        JsonNode data = awaitEvent(id, EventTypes.PROPOSAL_DENIED).json();
        assertThat(data.path("reason").asText()).isEqualTo("wrong order");
        assertThat(data.path("decided_by").get(0).path("channel").asText()).isEqualTo("link");
    }

    @Test
    void aLinkUsedTwiceAtOnceDecidesOnce() throws Exception {
        String[] p = pendingProposal("role:approver");
        String tenant = p[0];
        String id = p[1];
        String approve = path(issued(tenant, id, "approver@" + tenant).getString("approve_url"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit((Callable<Integer>) () -> confirm(approve, null).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        } finally {
            pool.shutdownNow();
        }
        awaitEvent(id, EventTypes.PROPOSAL_APPROVED);
        // Published once: a marker-free check is enough here, the outbox row is written once by the one decision.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> approvals.stream()
                .filter(r -> id.equals(r.key()) && EventTypes.PROPOSAL_APPROVED.equals(r.type())).count() == 1);
    }

    @Test
    void aLinkNeverOutlivesItsProposalAndAnExpiredOneIsRefused() {
        String tenant = WebFixture.tenant();
        String id = newId();
        Instant proposalExpiry = Instant.now().plusSeconds(4);
        publish(kafka, proposal(id, tenant, "role:approver", WebFixture.PARAMETERS, proposalExpiry));
        awaitPending(tenant, id);
        JsonPath links = issued(tenant, id, "approver@" + tenant);
        assertThat(Instant.parse(links.getString("expires_at")))
                .isEqualTo(proposalExpiry.truncatedTo(ChronoUnit.MILLIS).truncatedTo(ChronoUnit.SECONDS));
        String approve = path(links.getString("approve_url"));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get(approve).statusCode() == 409);
        given().get(approve).then().statusCode(409).body(containsString("data-code=\"expired\""));
        confirm(approve, null).then().statusCode(409).body(containsString("data-code=\"expired\""));
        assertThat(status(tenant, id)).isNotEqualTo("approved");
    }

    @Test
    void aLinkPastItsOwnDeadlineIsRefusedWhileTheProposalIsStillPending() throws Exception {
        String[] p = pendingProposal("role:approver");
        String tenant = p[0];
        String id = p[1];
        String path = storeLink(tenant, id, "approver@" + tenant, Decision.APPROVE, digest(tenant, id),
                "[\"approver\"]", Instant.now().minusSeconds(5));
        given().get(path).then().statusCode(409).body(containsString("data-code=\"expired\""));
        confirm(path, null).then().statusCode(409).body(containsString("data-code=\"expired\""));
        assertThat(status(tenant, id)).isEqualTo("pending");
    }

    @Test
    void aForgedOrGarbledLinkIsNotFound() throws Exception {
        String[] p = pendingProposal("role:approver");
        String tenant = p[0];
        String id = p[1];
        String approve = path(issued(tenant, id, "approver@" + tenant).getString("approve_url"));
        String[] parts = approve.substring(3).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String asDeny = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\"approve\"", "\"deny\"").getBytes(StandardCharsets.UTF_8));
        String otherSecret = new LinkTokens("another-secret-that-is-long-enough-0123456789")
                .sign(tokens().verify(approve.substring(3)).orElseThrow());
        for (String forged : List.of("/a/" + parts[0] + "." + asDeny + "." + parts[2], "/a/" + otherSecret,
                "/a/garbage", "/a/v1.e30.AAAA", approve.substring(0, approve.length() - 3))) {
            given().get(forged).then().statusCode(404).body(containsString("data-code=\"not_found\""));
            confirm(forged, null).then().statusCode(404);
        }
        assertThat(status(tenant, id)).isEqualTo("pending");
        assertThat(usedAt(approve)).isNull();
    }

    @Test
    void anotherTenantCanNeitherIssueNorUseALinkOfThisTenant() throws Exception {
        String[] p = pendingProposal("role:approver");
        String tenant = p[0];
        String id = p[1];
        String other = WebFixture.tenant();
        issue(TestJwt.admin(other), id, "approver@" + other).then().statusCode(404).body("code", equalTo("not_found"));

        // A token the service itself signed, naming the other tenant for this proposal's link: the row disagrees.
        String approve = path(issued(tenant, id, "approver@" + tenant).getString("approve_url"));
        LinkClaims real = tokens().verify(approve.substring(3)).orElseThrow();
        String crossTenant = "/a/" + tokens().sign(new LinkClaims(real.linkId(), other, id, real.approver(),
                real.decision(), real.digest(), real.expiresAt()));
        given().get(crossTenant).then().statusCode(404);
        confirm(crossTenant, null).then().statusCode(404);
        // A link row of the other tenant naming this proposal: the proposal is not found there.
        String foreign = storeLink(other, id, "approver@" + other, Decision.APPROVE, real.digest(), "[\"approver\"]",
                Instant.now().plusSeconds(600));
        given().get(foreign).then().statusCode(404);
        confirm(foreign, null).then().statusCode(404);
        assertThat(status(tenant, id)).isEqualTo("pending");
    }

    @Test
    void aLinkForSomeoneWhoMayNotDecideIsRefusedWhenIssuedAndWhenUsed() throws Exception {
        // end_user approval: only the proposal's user u-7 may decide, whatever an admin vouches.
        String[] p = pendingProposal("end_user");
        String tenant = p[0];
        String id = p[1];
        issue(TestJwt.admin(tenant), id, "someone-else").then().statusCode(403).body("code", equalTo("not_eligible"));
        issue(TestJwt.admin(tenant), id, WebFixture.USER.id()).then().statusCode(201);

        // A role approval and a stored link whose recorded groups lack the role: refused at use, link not used up.
        String[] q = pendingProposal("role:finance");
        String path = storeLink(q[0], q[1], "approver@" + q[0], Decision.APPROVE, digest(q[0], q[1]),
                "[\"approver\"]", Instant.now().plusSeconds(600));
        given().get(path).then().statusCode(403).body(containsString("data-code=\"not_eligible\""));
        confirm(path, null).then().statusCode(403).body(containsString("not_eligible"));
        assertThat(usedAt(path)).isNull();
        assertThat(status(q[0], q[1])).isEqualTo("pending");
    }

    @Test
    void onlyAnAdminOrTheApproverThemselvesIssuesLinks() {
        String[] p = pendingProposal("role:approver");
        String tenant = p[0];
        String id = p[1];
        // The approver asks for their own links: evaluated with their own groups.
        issue(TestJwt.approver(tenant), id, "approver@" + tenant).then().statusCode(201);
        // ...but not for someone else.
        issue(TestJwt.approver(tenant), id, "colleague@" + tenant).then().statusCode(403)
                .body("code", equalTo("forbidden"));
        // A member without the role asking for their own: not eligible (or not even visible).
        issue(TestJwt.token("m@" + tenant, tenant, "approver-not"), id, "m@" + tenant).then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(403), equalTo(404)));
        issue(TestJwt.admin(tenant), id, null).then().statusCode(422).body("errors[0].path", equalTo("approver"));
        issue(TestJwt.admin(tenant), id, " ").then().statusCode(422);
        given().contentType("application/json").body("{\"approver\": \"x\"}").post("/v1/approvals/" + id + "/links")
                .then().statusCode(401);
    }

    @Test
    void aLinkIssuedBeforeAnEditIsStale() {
        // quorum 2: the first approver edits (their approval counts for the new digest), the link is for the second.
        String tenant = WebFixture.tenant();
        String id = newId();
        var base = proposal(id, tenant, "role:approver", WebFixture.PARAMETERS);
        var quorum2 = new dev.countersign.contracts.events.ProposalAccepted(base.proposalId(), base.tenant(),
                base.assistant(), base.action(), base.parameters(), base.conversationId(), base.user(), base.trigger(),
                base.reason(), base.actionVersion(), base.approvalMode(), base.expiresAt(), base.submittedAt(),
                base.submittedBy(), new dev.countersign.contracts.actions.Approval("require_approval", "role:approver",
                        2, false, 60, List.of()), base.parametersSchema());
        publish(kafka, quorum2);
        awaitPending(tenant, id);
        String approve = path(issued(tenant, id, "second@" + tenant).getString("approve_url"));
        given().auth().oauth2(TestJwt.token("first@" + tenant, tenant, "approver")).contentType("application/json")
                .body("{\"parameters\": {\"order_number\": \"ORD-12345\", \"amount\": 40, \"notify\": true}}")
                .post("/v1/approvals/" + id + "/approve").then().statusCode(org.hamcrest.Matchers.lessThan(300));

        given().get(approve).then().statusCode(409).body(containsString("data-code=\"stale_digest\""));
        confirm(approve, null).then().statusCode(409).body(containsString("stale_digest"))
                .body(not(containsString("Thank you")));
        assertThat(status(tenant, id)).isEqualTo("pending");
    }

    // --- Security review: the admin who vouches is accountable --------------------------------------------

    /** A pending proposal of a new tenant under {@code approval}; answers {tenant, id}. */
    static String[] pendingProposal(dev.countersign.contracts.actions.Approval approval) {
        String tenant = WebFixture.tenant();
        String id = newId();
        var base = proposal(id, tenant, approval.approver(), WebFixture.PARAMETERS);
        publish(kafka, new dev.countersign.contracts.events.ProposalAccepted(base.proposalId(), base.tenant(),
                base.assistant(), base.action(), base.parameters(), base.conversationId(), base.user(), base.trigger(),
                base.reason(), base.actionVersion(), base.approvalMode(), base.expiresAt(), base.submittedAt(),
                base.submittedBy(), approval, base.parametersSchema()));
        awaitPending(tenant, id);
        return new String[] {tenant, id};
    }

    static List<String> issuedByColumn(String tenant, String id) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.jdbcUrl(DATABASE), TestDatabases.USER,
                TestDatabases.PASSWORD);
                PreparedStatement query = c.prepareStatement("SELECT actor || ':' || coalesce(issued_by, '-') "
                        + "FROM decisions WHERE tenant = ? AND proposal_id = ? ORDER BY at")) {
            query.setString(1, tenant);
            query.setString(2, id);
            List<String> rows = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    rows.add(row.getString(1));
                }
            }
            return rows;
        }
    }

    @Test
    void linksOneAdminIssuedForInventedApproversCountOnceAndNameTheAdmin() throws Exception {
        String[] p = pendingProposal(new dev.countersign.contracts.actions.Approval("require_approval",
                "role:approver", 2, false, 60, List.of()));
        String tenant = p[0];
        String id = p[1];
        String admin = "admin@" + tenant;

        // One admin, two subjects of its choosing: both links work, and together they are one party.
        confirm(path(issued(tenant, id, "x1").getString("approve_url")), "one").then().statusCode(200);
        confirm(path(issued(tenant, id, "x2").getString("approve_url")), "two").then().statusCode(200);
        given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + id).then().statusCode(200)
                .body("status", equalTo("pending"))
                .body("decisions.actor", equalTo(List.of("x1", "x2")))
                .body("decisions.issued_by", equalTo(List.of(admin, admin)));
        assertThat(issuedByColumn(tenant, id)).containsExactly("x1:" + admin, "x2:" + admin);

        // An approver's own link counts as that approver: the quorum of two parties is met.
        String own = path(issue(TestJwt.approver(tenant), id, "approver@" + tenant).then().statusCode(201)
                .extract().jsonPath().getString("approve_url"));
        confirm(own, null).then().statusCode(200).body(containsString("approved"));
        JsonNode approved = awaitEvent(id, EventTypes.PROPOSAL_APPROVED).json();
        JsonNode decidedBy = approved.path("decided_by");
        assertThat(decidedBy).hasSize(2);
        assertThat(decidedBy.get(0).path("actor").asText()).isEqualTo("x1");
        assertThat(decidedBy.get(0).path("issued_by").asText()).isEqualTo(admin);
        assertThat(decidedBy.get(1).path("actor").asText()).isEqualTo("approver@" + tenant);
        assertThat(decidedBy.get(1).has("issued_by")).isFalse();
        assertThat(approved.path("approval").path("decided_by")).isEqualTo(decidedBy);
        given().auth().oauth2(TestJwt.admin(tenant)).get("/v1/approvals/" + id).then()
                .body("decided_by.issued_by", equalTo(java.util.Arrays.asList(admin, null)));
    }

    @Test
    void anAdminWhoSubmittedTheProposalCannotVouchForAnApproverOfIt() throws Exception {
        String[] p = pendingProposal(new dev.countersign.contracts.actions.Approval("require_approval",
                "role:approver", 1, true, 60, List.of()));
        String tenant = p[0];
        String id = p[1];
        String submitterAdmin = TestJwt.token(WebFixture.SUBMITTED_BY, tenant, "countersign-admin");

        issue(submitterAdmin, id, "x1").then().statusCode(403).body("code", equalTo("not_eligible"))
                .body("detail", containsString(WebFixture.SUBMITTED_BY));
        // Nor the proposal's user, were it an admin.
        issue(TestJwt.token(WebFixture.USER.id(), tenant, "countersign-admin"), id, "x1").then().statusCode(403)
                .body("code", equalTo("not_eligible"));
        // A link such an admin had issued (stored as the service would) decides nothing either.
        String path = storeLink(tenant, id, "x1", Decision.APPROVE, digest(tenant, id), "[\"approver\"]",
                Instant.now().plusSeconds(600), WebFixture.SUBMITTED_BY);
        given().get(path).then().statusCode(403).body(containsString("data-code=\"not_eligible\""));
        confirm(path, null).then().statusCode(403).body(containsString("not_eligible"));
        assertThat(usedAt(path)).isNull();
        assertThat(status(tenant, id)).isEqualTo("pending");
        // Another admin may vouch.
        confirm(path(issued(tenant, id, "x1").getString("approve_url")), null).then().statusCode(200);
        assertThat(status(tenant, id)).isEqualTo("approved");
    }
}
