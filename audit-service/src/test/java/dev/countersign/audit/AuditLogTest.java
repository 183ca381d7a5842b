package dev.countersign.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Sources;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.Actor;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.DecisionSubmitted;
import dev.countersign.contracts.events.ExecutionSucceeded;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.ProposalSubmitted;
import dev.countersign.contracts.events.User;
import dev.countersign.kit.json.CanonicalJson;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log end to end: events from the real broker, rows in the real database, the REST surface. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = AuditLogTest.DATABASE))
class AuditLogTest {
    static final String DATABASE = "countersign_audit_test";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String CHATBOT = "/acme/support-bot";
    /** The authenticated submitter proposal-service names in proposal.accepted (submitted_by). */
    static final String SUBMITTER = "submitter@acme";
    static final ObjectMapper JSON = new ObjectMapper();

    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> auditDlq;

    @BeforeAll
    static void start() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        auditDlq = kafka.watch("countersign.audit.dlq");
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    // --- a proposal's lifecycle across four topics -------------------------------------------------------

    @Test
    void aProposalsEventsFromSeveralTopicsFormOneHashChainedTimelineInOrder() throws Exception {
        String pid = newId();
        // submitted in binary mode by a chatbot, with a nanosecond time at +02:00: stored at microseconds, UTC
        kafka.sendRaw(Topics.PROPOSALS, "conv-1", json(submitted()), Map.of("ce_specversion", "1.0", "ce_id", pid,
                "ce_type", EventTypes.PROPOSAL_SUBMITTED, "ce_source", CHATBOT,
                "ce_time", "2026-11-22T10:30:00.123456789+02:00", "content-type", "application/json"));
        awaitTimeline("acme", pid, 1);
        kafka.sendBinary(Topics.VALIDATIONS, pid, newId(), EventTypes.PROPOSAL_ACCEPTED, Sources.PROPOSAL_SERVICE,
                pid, accepted(pid));
        awaitTimeline("acme", pid, 2);
        kafka.sendBinary(Topics.APPROVALS, pid, newId(), EventTypes.PROPOSAL_APPROVED, Sources.APPROVAL_SERVICE, pid,
                approved(pid, "carol", "alice"));
        awaitTimeline("acme", pid, 3);
        kafka.sendBinary(Topics.EXECUTIONS, pid, newId(), EventTypes.EXECUTION_SUCCEEDED, Sources.EXECUTOR_SERVICE,
                pid, new ExecutionSucceeded(pid, "acme", 1, 200, "Order ORD-1 is shipped", Map.of("eta", 3)));
        JsonNode timeline = awaitTimeline("acme", pid, 4);

        assertThat(timeline.path("proposal_id").asText()).isEqualTo(pid);
        List<JsonNode> entries = list(timeline.path("entries"));
        assertThat(entries).extracting(e -> e.path("type").asText()).containsExactly(EventTypes.PROPOSAL_SUBMITTED,
                EventTypes.PROPOSAL_ACCEPTED, EventTypes.PROPOSAL_APPROVED, EventTypes.EXECUTION_SUCCEEDED);
        assertThat(entries).extracting(e -> e.path("topic").asText()).containsExactly(Topics.PROPOSALS,
                Topics.VALIDATIONS, Topics.APPROVALS, Topics.EXECUTIONS);
        assertThat(entries).extracting(e -> e.path("tenant").asText()).containsOnly("acme");
        // actor: the topic an unauthenticated submission came from (never its self-declared user), the
        // authenticated submitter, the last decided_by actor, and the source when no person acted
        assertThat(entries).extracting(e -> e.path("actor").asText())
                .containsExactly("topic:" + Topics.PROPOSALS, SUBMITTER, "alice", Sources.EXECUTOR_SERVICE);
        JsonNode first = entries.get(0);
        assertThat(first.path("event_id").asText()).isEqualTo(pid);
        assertThat(first.path("subject").isNull()).isTrue();
        assertThat(first.path("time").asText()).isEqualTo("2026-11-22T08:30:00.123456Z");
        assertThat(first.path("data").path("parameters").path("order_number").asText()).isEqualTo("ORD-1");

        long previousSeq = 0;
        for (JsonNode e : entries) {
            long seq = e.path("seq").asLong();
            assertThat(seq).isGreaterThan(previousSeq);
            previousSeq = seq;
            // each row is chained to the row before it in the whole log ...
            assertThat(e.path("prev_hash").asText()).isEqualTo(hashOfRow(seq - 1));
            // ... and its hash is what an outsider computes from the entry alone
            assertThat(e.path("hash").asText()).isEqualTo(independentHash(e));
        }
        assertGapFree();
    }

    // --- numbers a double cannot hold -------------------------------------------------------------------

    @Test
    void numbersADoubleCannotHoldAreRecordedExactlyAsSentAndTheChainVerifies() throws Exception {
        String pid = newId();
        String twentyDigits = "12345678901234567890";
        String longDecimal = "0.1234567890123456789012345";
        // beyond Double.MAX_VALUE: an RFC 8785 implementation that reads numbers as doubles cannot write it at all
        String digits309 = "9".repeat(309);
        String parameters = "{\"amount\": " + twentyDigits + ", \"rate\": " + longDecimal + ", \"limit\": "
                + digits309 + ", \"order_number\": \"ORD-1\"}";
        kafka.sendRaw(Topics.PROPOSALS, "conv-n", "{\"tenant\": \"acme\", \"assistant\": \"support-bot\", "
                        + "\"action\": \"transfer\", \"parameters\": " + parameters + ", \"conversation_id\": \"conv-n\", "
                        + "\"user\": {\"id\": \"user-7\"}}",
                Map.of("ce_specversion", "1.0", "ce_id", pid, "ce_type", EventTypes.PROPOSAL_SUBMITTED,
                        "ce_source", CHATBOT, "content-type", "application/json"));
        awaitTimeline("acme", pid, 1);
        kafka.sendRaw(Topics.VALIDATIONS, pid, "{\"proposal_id\": \"" + pid + "\", \"tenant\": \"acme\", "
                        + "\"assistant\": \"support-bot\", \"action\": \"transfer\", \"parameters\": " + parameters
                        + ", \"user\": {\"id\": \"user-7\"}, \"action_version\": 1, \"approval_mode\": \"auto\", "
                        + "\"submitted_by\": \"" + SUBMITTER + "\"}",
                Map.of("ce_specversion", "1.0", "ce_id", newId(), "ce_type", EventTypes.PROPOSAL_ACCEPTED,
                        "ce_source", Sources.PROPOSAL_SERVICE, "ce_subject", pid, "content-type", "application/json"));
        String body = awaitTimelineText("acme", pid, 2);

        // via the API: every digit, read without a double in between
        JsonNode timeline = Json.mapper().readTree(body);
        List<JsonNode> entries = list(timeline.path("entries"));
        assertThat(entries).extracting(e -> e.path("actor").asText())
                .containsExactly("topic:" + Topics.PROPOSALS, SUBMITTER);
        for (JsonNode entry : entries) {
            JsonNode recorded = entry.path("data").path("parameters");
            assertThat(recorded.path("amount").bigIntegerValue()).isEqualTo(new BigInteger(twentyDigits));
            assertThat(recorded.path("rate").decimalValue()).isEqualByComparingTo(new BigDecimal(longDecimal));
            assertThat(recorded.path("limit").bigIntegerValue()).isEqualTo(new BigInteger(digits309));
            // and the hash an outsider computes from the entry alone, with the numbers as sent
            assertThat(entry.path("hash").asText()).isEqualTo(exactHash(entry));
        }
        assertThat(body).contains("\"amount\":" + twentyDigits, "\"rate\":" + longDecimal, "\"limit\":" + digits309);

        // in the row itself
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT data::text FROM audit_log WHERE tenant = 'acme' AND (event_id = ? OR subject = ?) ORDER BY seq")) {
            s.setString(1, pid);
            s.setString(2, pid);
            try (ResultSet rs = s.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertThat(rs.getString(1)).contains("\"amount\":" + twentyDigits, "\"rate\":" + longDecimal,
                            "\"limit\":" + digits309);
                }
                assertThat(rows).isEqualTo(2);
            }
        }
        // recorded, not dead-lettered, and the whole chain still verifies
        assertThat(auditDlq).noneMatch(r -> r.value() != null && r.value().contains(digits309));
        given().auth().oauth2(TestJwt.auditor("acme")).get("/v1/audit/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("first_broken_seq", nullValue());
        assertGapFree();
    }

    @Test
    void aRedeliveredEventIsRecordedOnceAndUsesNoSeq() throws Exception {
        String pid = newId();
        String eventId = newId();
        Object data = approved(pid, "dave");
        kafka.sendBinary(Topics.APPROVALS, pid, eventId, EventTypes.PROPOSAL_APPROVED, Sources.APPROVAL_SERVICE, pid,
                data);
        kafka.sendBinary(Topics.APPROVALS, pid, eventId, EventTypes.PROPOSAL_APPROVED, Sources.APPROVAL_SERVICE, pid,
                data);
        // same key, same topic, so the same partition: once the marker is in, both copies were consumed
        String marker = newId();
        kafka.sendBinary(Topics.APPROVALS, pid, marker, EventTypes.PROPOSAL_EXPIRED, Sources.APPROVAL_SERVICE, pid,
                Map.of("proposal_id", pid, "tenant", "acme", "expired_at", "2026-11-22T10:30:00Z"));
        JsonNode timeline = awaitTimeline("acme", pid, 2);

        assertThat(list(timeline.path("entries"))).extracting(e -> e.path("event_id").asText())
                .containsExactly(eventId, marker);
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_log WHERE event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1);
            }
        }
        assertGapFree();
    }

    @Test
    void twoTenantsSameSourceAndIdAreBothRecordedAndEachRedeliveryOnlyOnce() throws Exception {
        // proposal ids are unique per tenant only: two tenants' chatbots may share a source name and an id
        String pid = newId();
        String source = "/shared/support-bot";
        String key = "conv-" + newId();
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", pid,
                "ce_type", EventTypes.PROPOSAL_SUBMITTED, "ce_source", source, "content-type", "application/json");
        String acme = json(submitted());
        String globex = json(submitted("globex"));
        kafka.sendRaw(Topics.PROPOSALS, key, acme, headers);
        kafka.sendRaw(Topics.PROPOSALS, key, globex, headers);
        // both redelivered
        kafka.sendRaw(Topics.PROPOSALS, key, acme, headers);
        kafka.sendRaw(Topics.PROPOSALS, key, globex, headers);
        // same key, same partition: once the marker is in, all four copies were consumed
        String marker = newId();
        kafka.sendBinary(Topics.PROPOSALS, key, marker, EventTypes.PROPOSAL_SUBMITTED, source, null, submitted());
        awaitTimeline("acme", marker, 1);

        JsonNode acmeTimeline = awaitTimeline("acme", pid, 1);
        JsonNode globexTimeline = awaitTimeline("globex", pid, 1);
        assertThat(list(acmeTimeline.path("entries"))).extracting(e -> e.path("tenant").asText())
                .containsExactly("acme");
        assertThat(list(globexTimeline.path("entries"))).extracting(e -> e.path("tenant").asText())
                .containsExactly("globex");
        try (Connection c = db(); PreparedStatement s = c.prepareStatement(
                "SELECT tenant, count(*) FROM audit_log WHERE source = ? AND event_id = ? GROUP BY tenant "
                        + "ORDER BY tenant")) {
            s.setString(1, source);
            s.setString(2, pid);
            try (ResultSet rs = s.executeQuery()) {
                List<String> counts = new ArrayList<>();
                while (rs.next()) {
                    counts.add(rs.getString(1) + "=" + rs.getLong(2));
                }
                assertThat(counts).containsExactly("acme=1", "globex=1");
            }
        }
        assertGapFree();
    }

    // --- append-only in the database --------------------------------------------------------------------

    @Test
    void updateDeleteAndTruncateAreRefusedByTheDatabase() throws Exception {
        String pid = newId();
        kafka.sendBinary(Topics.PROPOSALS, "conv-2", pid, EventTypes.PROPOSAL_SUBMITTED, CHATBOT, null, submitted());
        long seq = awaitTimeline("acme", pid, 1).path("entries").get(0).path("seq").asLong();

        try (Connection c = db(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + seq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audit_log is append-only: UPDATE refused");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log WHERE seq = " + seq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("audit_log is append-only: DELETE refused");
            assertThatThrownBy(() -> s.executeUpdate("TRUNCATE audit_log"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only: TRUNCATE refused");
            // nor can the chain head be rewound to make room for a forged row
            assertThatThrownBy(() -> s.executeUpdate("UPDATE chain_head SET seq = seq - 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("chain_head may only advance");
            try (ResultSet rs = s.executeQuery("SELECT actor FROM audit_log WHERE seq = " + seq)) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("topic:" + Topics.PROPOSALS);
            }
        }
    }

    // --- verification -----------------------------------------------------------------------------------

    @Test
    void verifyIsOkUntilARowIsTamperedWithAndThenNamesThatRow() throws Exception {
        String pid = newId();
        kafka.sendBinary(Topics.PROPOSALS, "conv-3", pid, EventTypes.PROPOSAL_SUBMITTED, CHATBOT, null, submitted());
        awaitTimeline("acme", pid, 1);
        kafka.sendBinary(Topics.VALIDATIONS, pid, newId(), EventTypes.PROPOSAL_ACCEPTED, Sources.PROPOSAL_SERVICE,
                pid, accepted(pid));
        long tampered = awaitTimeline("acme", pid, 2).path("entries").get(0).path("seq").asLong();

        int checked = given().auth().oauth2(TestJwt.admin("acme")).get("/v1/audit/verify")
                .then().statusCode(200).body("ok", equalTo(true)).body("first_broken_seq", nullValue())
                .extract().path("checked");
        assertThat((long) checked).isGreaterThanOrEqualTo(tampered + 1);

        // an operator with superuser rights edits history behind the triggers' back
        behindTheTriggers("UPDATE audit_log SET data = replace(data::text, 'ORD-1', 'ORD-9')::json WHERE seq = "
                + tampered);
        try {
            given().auth().oauth2(TestJwt.auditor("acme")).get("/v1/audit/verify")
                    .then().statusCode(200).body("ok", equalTo(false))
                    .body("first_broken_seq", equalTo((int) tampered));
        } finally {
            // put history back, so the other tests (in any order) verify an intact chain
            behindTheTriggers("UPDATE audit_log SET data = replace(data::text, 'ORD-9', 'ORD-1')::json WHERE seq = "
                    + tampered);
        }
        given().auth().oauth2(TestJwt.auditor("acme")).get("/v1/audit/verify")
                .then().statusCode(200).body("ok", equalTo(true));
    }

    static void behindTheTriggers(String update) throws SQLException {
        try (Connection c = db()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete");
                s.executeUpdate(update);
                s.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete");
            }
            c.commit();
        }
    }

    @Test
    void onlyAuditorsAndAdminsOfTheTenantReadExportOrVerifyTheLog() {
        List<String> reads = List.of("/v1/audit", "/v1/audit/export", "/v1/audit/verify", "/v1/audit/proposals/x");
        for (String path : reads) {
            // a plain user, a submitter and an approver are not auditors
            for (String token : List.of(TestJwt.member("acme"), TestJwt.submitter("acme"), TestJwt.approver("acme"))) {
                given().auth().oauth2(token).get(path).then().statusCode(403)
                        .contentType("application/problem+json").body("code", equalTo("forbidden"));
            }
        }
        for (String token : List.of(TestJwt.auditor("acme"), TestJwt.admin("acme"))) {
            given().auth().oauth2(token).get("/v1/audit").then().statusCode(200);
            given().auth().oauth2(token).get("/v1/audit/export").then().statusCode(200)
                    .contentType(startsWith("application/x-ndjson"));
            given().auth().oauth2(token).get("/v1/audit/verify").then().statusCode(200);
            given().auth().oauth2(token).get("/v1/audit/proposals/" + newId()).then().statusCode(404);
        }
    }

    // --- tenants and authentication ---------------------------------------------------------------------

    @Test
    void anotherTenantSeesNothingOfAProposal() throws Exception {
        String pid = newId();
        kafka.sendBinary(Topics.PROPOSALS, "conv-4", pid, EventTypes.PROPOSAL_SUBMITTED, CHATBOT, null, submitted());
        awaitTimeline("acme", pid, 1);

        given().auth().oauth2(TestJwt.admin("globex")).get("/v1/audit/proposals/" + pid)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not_found"));
        given().auth().oauth2(TestJwt.admin("globex")).queryParam("proposal_id", pid).get("/v1/audit")
                .then().statusCode(200).body("items", empty());
        // asking for another tenant explicitly does not widen the view
        given().auth().oauth2(TestJwt.admin("globex")).queryParam("tenant", "acme").queryParam("proposal_id", pid)
                .get("/v1/audit").then().statusCode(200).body("items", empty());
        String export = given().auth().oauth2(TestJwt.admin("globex")).get("/v1/audit/export")
                .then().statusCode(200).extract().asString();
        assertThat(export).doesNotContain(pid);
    }

    @Test
    void unauthenticatedCallersGet401Problem() {
        given().get("/v1/audit/proposals/anything").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().get("/v1/audit").then().statusCode(401);
        given().get("/v1/audit/export").then().statusCode(401);
        given().get("/v1/audit/verify").then().statusCode(401);
    }

    // --- queries and export -----------------------------------------------------------------------------

    @Test
    void aTenantsOwnInboundTopicCreatedAfterStartUpIsRecordedButDeadLetterTopicsAreNot() throws Exception {
        String pid = newId();
        // a topic that did not exist when the service subscribed: the pattern subscription finds it
        String tenantTopic = Topics.DECISIONS + ".acme-" + newId().substring(0, 8);
        kafka.sendBinary(tenantTopic, pid, newId(), EventTypes.DECISION_SUBMITTED, CHATBOT, pid,
                new DecisionSubmitted(pid, "acme", "approve", new Actor("user-9", null), "yes"));
        kafka.sendBinary(Topics.dlq(Topics.DECISIONS), pid, newId(), EventTypes.DECISION_SUBMITTED, CHATBOT, pid,
                new DecisionSubmitted(pid, "acme", "deny", new Actor("user-9", null), "dead-lettered"));
        JsonNode timeline = awaitTimeline("acme", pid, 1);
        assertThat(list(timeline.path("entries"))).singleElement().satisfies(e -> {
            assertThat(e.path("topic").asText()).isEqualTo(tenantTopic);
            assertThat(e.path("actor").asText()).isEqualTo("user-9");
        });
        kafka.sendBinary(Topics.APPROVALS, pid, newId(), EventTypes.PROPOSAL_APPROVED, Sources.APPROVAL_SERVICE, pid,
                approved(pid, "user-9"));
        // the approval after it is recorded, the dead-lettered copy never was
        assertThat(list(awaitTimeline("acme", pid, 2).path("entries"))).extracting(e -> e.path("topic").asText())
                .containsExactly(tenantTopic, Topics.APPROVALS);
    }

    @Test
    void queriesFilterByEveryFieldAndPageBySeq() throws Exception {
        String pid = newId();
        String conversation = "conv-" + newId();
        String approver = "erin-" + newId();
        kafka.sendBinary(Topics.PROPOSALS, conversation, pid, EventTypes.PROPOSAL_SUBMITTED, CHATBOT, null,
                new ProposalSubmitted("acme", "support-bot", "check_order_status", Map.of("order_number", "ORD-1"),
                        conversation, new User("user-7", null, null), "ai_intent", null, null));
        awaitTimeline("acme", pid, 1);
        // an end user's decision arrives in structured mode; its actor is data.actor.id
        kafka.sendStructured(Topics.DECISIONS, pid, newId(), EventTypes.DECISION_SUBMITTED, CHATBOT,
                new DecisionSubmitted(pid, "acme", "approve", new Actor(approver, null), "ok"));
        awaitTimeline("acme", pid, 2);
        kafka.sendBinary(Topics.APPROVALS, pid, newId(), EventTypes.PROPOSAL_APPROVED, Sources.APPROVAL_SERVICE, pid,
                approved(pid, approver));
        awaitTimeline("acme", pid, 3);

        given().auth().oauth2(TestJwt.auditor("acme")).queryParam("actor", approver).get("/v1/audit")
                .then().statusCode(200)
                .body("items.type", contains(EventTypes.DECISION_SUBMITTED, EventTypes.PROPOSAL_APPROVED));
        given().auth().oauth2(TestJwt.auditor("acme")).queryParam("actor", approver)
                .queryParam("type", EventTypes.DECISION_SUBMITTED).get("/v1/audit")
                .then().statusCode(200).body("items.topic", contains(Topics.DECISIONS));
        given().auth().oauth2(TestJwt.auditor("acme")).queryParam("conversation_id", conversation).get("/v1/audit")
                .then().statusCode(200).body("items.event_id", contains(pid));
        given().auth().oauth2(TestJwt.auditor("acme")).queryParam("proposal_id", pid)
                .queryParam("since", "2000-01-01T00:00:00Z").queryParam("until", Instant.now().plusSeconds(3600).toString())
                .get("/v1/audit").then().statusCode(200).body("items.size()", equalTo(3));
        given().auth().oauth2(TestJwt.auditor("acme")).queryParam("proposal_id", pid)
                .queryParam("since", Instant.now().plusSeconds(3600).toString())
                .get("/v1/audit").then().statusCode(200).body("items", empty());

        // paging: limit 2, then resume after next_after_seq
        var firstPage = given().auth().oauth2(TestJwt.auditor("acme")).queryParam("proposal_id", pid)
                .queryParam("limit", 2).get("/v1/audit").then().statusCode(200)
                .body("items.size()", equalTo(2)).extract().jsonPath();
        long next = firstPage.getLong("next_after_seq");
        assertThat(next).isEqualTo(firstPage.getLong("items[1].seq"));
        given().auth().oauth2(TestJwt.auditor("acme")).queryParam("proposal_id", pid).queryParam("limit", 2)
                .queryParam("after_seq", next).get("/v1/audit").then().statusCode(200)
                .body("items.type", contains(EventTypes.PROPOSAL_APPROVED)).body("next_after_seq", nullValue());
    }

    @Test
    void invalidQueryParametersAreReportedAllAtOnce() {
        given().auth().oauth2(TestJwt.auditor("acme")).queryParam("since", "yesterday").queryParam("limit", 5000)
                .queryParam("after_seq", "x").get("/v1/audit")
                .then().statusCode(422).contentType("application/problem+json").body("code", equalTo("invalid"))
                .body("errors.path", hasItems("since", "limit", "after_seq"));
    }

    @Test
    void exportStreamsTheTenantsRowsAsNdjsonResumableBySeq() throws Exception {
        String pid = newId();
        kafka.sendBinary(Topics.PROPOSALS, "conv-5", pid, EventTypes.PROPOSAL_SUBMITTED, CHATBOT, null, submitted());
        awaitTimeline("acme", pid, 1);
        kafka.sendBinary(Topics.VALIDATIONS, pid, newId(), EventTypes.PROPOSAL_ACCEPTED, Sources.PROPOSAL_SERVICE,
                pid, accepted(pid));
        awaitTimeline("acme", pid, 2);
        // another tenant's row in between must not appear in acme's export
        String foreign = newId();
        kafka.sendBinary(Topics.PROPOSALS, "conv-6", foreign, EventTypes.PROPOSAL_SUBMITTED, CHATBOT, null,
                new ProposalSubmitted("globex", "bot", "refund", Map.of(), null, null, null, null, null));
        awaitTimeline("globex", foreign, 1);

        var response = given().auth().oauth2(TestJwt.auditor("acme")).get("/v1/audit/export")
                .then().statusCode(200).contentType(startsWith("application/x-ndjson")).extract().asString();
        List<JsonNode> lines = ndjson(response);
        assertThat(lines).extracting(l -> l.path("tenant").asText()).containsOnly("acme");
        assertThat(lines).extracting(l -> l.path("event_id").asText()).contains(pid).doesNotContain(foreign);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).path("seq").asLong()).isGreaterThan(lines.get(i - 1).path("seq").asLong());
        }
        // (only this test's rows: another test deliberately tampers with one of acme's rows)
        for (JsonNode line : lines) {
            if (pid.equals(line.path("event_id").asText()) || pid.equals(line.path("subject").asText())) {
                assertThat(line.path("hash").asText()).isEqualTo(independentHash(line));
            }
        }

        // resume after the second line, stop at the last: exactly the lines in between
        long after = lines.get(1).path("seq").asLong();
        long until = lines.get(lines.size() - 1).path("seq").asLong();
        List<JsonNode> resumed = ndjson(given().auth().oauth2(TestJwt.auditor("acme")).queryParam("after_seq", after)
                .queryParam("until_seq", until).get("/v1/audit/export").then().statusCode(200).extract().asString());
        assertThat(resumed).extracting(l -> l.path("seq").asLong())
                .containsExactlyElementsOf(lines.subList(2, lines.size()).stream().map(l -> l.path("seq").asLong())
                        .toList());
    }

    @Test
    void theEndpointsAreDocumentedInOpenApiWithBearerAuth() {
        String doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(doc).contains("/v1/audit/proposals/{id}", "/v1/audit/export", "/v1/audit/verify", "\"bearer\"",
                "application/x-ndjson", "next_after_seq", "first_broken_seq");
    }

    // --- dead letters -----------------------------------------------------------------------------------

    @Test
    void aRecordThatIsNotACloudEventGoesToTheAuditDeadLetterTopic() {
        String garbage = "not a cloud event " + newId();
        kafka.sendRaw(Topics.DECISIONS, "k", garbage, Map.of());
        String brokenStructured = "{\"specversion\": \"1.0\", \"id\": \"" + newId() + "\", ";
        kafka.sendRaw(Topics.EXECUTIONS, "k", brokenStructured, Map.of("content-type", "application/cloudevents+json"));

        var dead = KafkaTestClient.await(auditDlq, r -> garbage.equals(r.value()), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("not a CloudEvent");
        var deadStructured = KafkaTestClient.await(auditDlq, r -> brokenStructured.equals(r.value()), WAIT);
        assertThat(deadStructured.header("dead-letter-reason")).contains("not valid JSON");
        assertThat(deadStructured.header("dead-letter-topic")).isEqualTo(Topics.EXECUTIONS);
    }

    @Test
    void anEventWhoseIdCannotBeIndexedIsDeadLetteredAndTheLogKeepsGoing() {
        // ~3,600 characters that do not compress: more than a PostgreSQL b-tree entry can hold (2,704 bytes)
        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            huge.append(newId());
        }
        String key = "conv-" + newId();
        kafka.sendBinary(Topics.PROPOSALS, key, huge.toString(), EventTypes.PROPOSAL_SUBMITTED, CHATBOT, null,
                submitted());
        String marker = newId();
        kafka.sendBinary(Topics.PROPOSALS, key, marker, EventTypes.PROPOSAL_SUBMITTED, CHATBOT, null, submitted());

        var dead = KafkaTestClient.await(auditDlq, r -> key.equals(r.key()), WAIT);
        assertThat(dead.header("dead-letter-reason")).contains("can never be applied").contains("54000");
        awaitTimeline("acme", marker, 1);
    }

    // --- helpers ----------------------------------------------------------------------------------------

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static ProposalSubmitted submitted() {
        return submitted("acme");
    }

    static ProposalSubmitted submitted(String tenant) {
        return new ProposalSubmitted(tenant, "support-bot", "check_order_status", Map.of("order_number", "ORD-1"),
                "conv-1", new User("user-7", "u7@example.com", "Uma"), "ai_intent", "customer asked", null);
    }

    static ProposalAccepted accepted(String pid) {
        return new ProposalAccepted(pid, "acme", "support-bot", "check_order_status", Map.of("order_number", "ORD-1"),
                "conv-1", new User("user-7", "u7@example.com", "Uma"), "ai_intent", "customer asked", 3,
                "require_approval", Instant.parse("2026-11-29T10:30:00Z"), Instant.parse("2026-11-22T10:30:00Z"),
                SUBMITTER, null);
    }

    static ProposalApproved approved(String pid, String... deciders) {
        List<Decider> decidedBy = new ArrayList<>();
        for (String d : deciders) {
            decidedBy.add(new Decider(d, "inbox", Instant.parse("2026-11-22T11:00:00Z")));
        }
        return new ProposalApproved(pid, "acme", "support-bot", "check_order_status", 3, decidedBy, false,
                Map.of("order_number", "ORD-1"), "conv-1", new User("user-7", null, null), "ai_intent");
    }

    static String json(Object data) {
        try {
            return dev.countersign.contracts.Json.mapper().writeValueAsString(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the tenant's timeline of {@code pid} has at least {@code n} entries and returns it. */
    static JsonNode awaitTimeline(String tenant, String pid, int n) {
        try {
            return JSON.readTree(awaitTimelineText(tenant, pid, n));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #awaitTimeline}, as the response text. */
    static String awaitTimelineText(String tenant, String pid, int n) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
            var response = given().auth().oauth2(TestJwt.auditor(tenant)).get("/v1/audit/proposals/" + pid);
            return response.statusCode() == 200 && JSON.readTree(response.asString()).path("entries").size() >= n
                    ? response.asString() : null;
        }, t -> t != null);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    static List<JsonNode> ndjson(String body) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    /** SHA-256 over prev_hash followed by the RFC 8785 text of the ten hashed members, computed here. */
    static String independentHash(JsonNode entry) throws Exception {
        ObjectNode hashed = JSON.createObjectNode();
        for (String member : List.of("seq", "event_id", "type", "source", "subject", "tenant", "actor", "time",
                "recorded_at", "data")) {
            hashed.set(member, entry.get(member));
        }
        String canonical = new JsonCanonicalizer(JSON.writeValueAsString(hashed)).getEncodedString();
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((entry.path("prev_hash").asText() + canonical).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    /**
     * The hash computed from an entry alone (read with {@code Json.mapper()}, numbers exact) by the kit's canonical
     * form, which is RFC 8785 wherever a double holds the number and exact elsewhere.
     */
    static String exactHash(JsonNode exact) {
        ObjectNode hashed = Json.mapper().createObjectNode();
        for (String member : List.of("seq", "event_id", "type", "source", "subject", "tenant", "actor", "time",
                "recorded_at", "data")) {
            hashed.set(member, exact.get(member));
        }
        return CanonicalJson.sha256Hex(exact.path("prev_hash").asText() + CanonicalJson.of(hashed));
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(TestDatabases.jdbcUrl(DATABASE), TestDatabases.USER, TestDatabases.PASSWORD);
    }

    /** The stored hash of row {@code seq}, or the genesis value before the first row. */
    static String hashOfRow(long seq) throws SQLException {
        if (seq == 0) {
            return "0".repeat(64);
        }
        try (Connection c = db(); PreparedStatement s = c.prepareStatement("SELECT hash FROM audit_log WHERE seq = ?")) {
            s.setLong(1, seq);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("row %d exists", seq).isTrue();
                return rs.getString(1);
            }
        }
    }

    /** seq runs 1..n without a hole, and the chain head is the last row. */
    static void assertGapFree() throws SQLException {
        try (Connection c = db(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), min(seq), max(seq), "
                        + "(SELECT seq FROM chain_head), (SELECT hash FROM chain_head), "
                        + "(SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) FROM audit_log")) {
            rs.next();
            assertThat(rs.getLong(2)).isEqualTo(1);
            assertThat(rs.getLong(3)).isEqualTo(rs.getLong(1));
            // one snapshot: the head moves in the same transaction as the row it points at
            assertThat(rs.getLong(4)).isEqualTo(rs.getLong(3));
            assertThat(rs.getString(5)).isEqualTo(rs.getString(6));
        }
    }
}
