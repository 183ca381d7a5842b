package dev.countersign.proposal;

import static dev.countersign.proposal.Fixtures.awaitOutcome;
import static dev.countersign.proposal.Fixtures.count;
import static dev.countersign.proposal.Fixtures.proposal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.proposal.service.ActionReplicaService;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A submitter token with an {@code assistant} claim may submit and read only that assistant's proposals. The shared
 * {@code TestJwt} cannot add claims, so this test signs its own tokens with its own key (see {@link OwnKey}).
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(BoundSubmitterTest.OwnKey.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_proposal_test"))
class BoundSubmitterTest {
    static final KeyPair KEYS = generate();
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> validations;

    @Inject
    ActionReplicaService replica;

    /** Makes the service verify tokens signed with {@link #KEYS}, with the test issuer and the default audience. */
    public static class OwnKey implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            return Map.of("mp.jwt.verify.publickey", pem, "mp.jwt.verify.issuer", TestJwt.ISSUER);
        }

        @Override
        public void stop() {
            // nothing to release
        }
    }

    static String token(String subject, String assistant, String... groups) {
        var builder = Jwt.issuer(TestJwt.ISSUER).audience(TestJwt.AUDIENCE).subject(subject).upn(subject)
                .groups(Set.of(groups)).claim("tenant", Fixtures.TENANT).expiresIn(Duration.ofHours(1));
        if (assistant != null) {
            builder.claim("assistant", assistant);
        }
        return builder.sign(KEYS.getPrivate());
    }

    static String bound() {
        return token("support-backend", Fixtures.ASSISTANT, "countersign-submitter");
    }

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        validations = kafka.watch(Topics.VALIDATIONS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void aBoundSubmitterSubmitsForItsAssistantOnly() {
        String action = Fixtures.activeAction(kafka, replica, "auto", null);
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(bound()).contentType(ContentType.JSON)
                .body(proposal(action, "{\"order_number\": \"ORD-1\"}").put("proposal_id", id).toString())
                .post("/v1/proposals").then().statusCode(202);
        var accepted = awaitOutcome(validations, id);
        assertThat(accepted.type()).isEqualTo(EventTypes.PROPOSAL_ACCEPTED);
        assertThat(accepted.json().path("submitted_by").asText()).isEqualTo("support-backend");

        String refused = UUID.randomUUID().toString();
        ObjectNode other = proposal(action, "{\"order_number\": \"ORD-1\"}").put("proposal_id", refused)
                .put("assistant", "sales-bot");
        given().auth().oauth2(bound()).contentType(ContentType.JSON).body(other.toString())
                .post("/v1/proposals").then().statusCode(403).contentType("application/problem+json")
                .body("code", equalTo("forbidden"));

        // an unbound submitter of the tenant may submit for any assistant
        String unbound = UUID.randomUUID().toString();
        given().auth().oauth2(token("platform", null, "countersign-submitter")).contentType(ContentType.JSON)
                .body(other.deepCopy().put("proposal_id", unbound).toString())
                .post("/v1/proposals").then().statusCode(422).body("code", equalTo("unknown_action"));

        // the refused proposal was never taken in: nothing published for it
        String marker = Fixtures.markerIdAfter(refused);
        given().auth().oauth2(bound()).contentType(ContentType.JSON)
                .body(proposal(action, "{\"order_number\": \"ORD-2\"}").put("proposal_id", marker).toString())
                .post("/v1/proposals").then().statusCode(202);
        awaitOutcome(validations, marker);
        assertThat(count(validations, refused)).isZero();
    }

    @Test
    void aBoundSubmitterReadsOnlyItsAssistantsProposals() {
        String mine = UUID.randomUUID().toString();
        String theirs = UUID.randomUUID().toString();
        ObjectNode malformed = proposal("anything", "{}").put("expires_in_minutes", 0);
        given().auth().oauth2(bound()).contentType(ContentType.JSON)
                .body(malformed.deepCopy().put("proposal_id", mine).toString())
                .post("/v1/proposals").then().statusCode(422).body("code", equalTo("malformed"));
        given().auth().oauth2(token("ops", null, "countersign-admin"))
                .contentType(ContentType.JSON)
                .body(malformed.deepCopy().put("proposal_id", theirs).put("assistant", "sales-bot").toString())
                .post("/v1/proposals").then().statusCode(422).body("code", equalTo("malformed"));

        given().auth().oauth2(bound()).get("/v1/proposals/" + mine).then().statusCode(200)
                .body("status", equalTo("rejected"));
        given().auth().oauth2(bound()).get("/v1/proposals/" + theirs).then().statusCode(404)
                .body("code", equalTo("not_found"));
        given().auth().oauth2(token("auditor", Fixtures.ASSISTANT, "countersign-auditor"))
                .get("/v1/proposals/" + theirs).then().statusCode(200).body("assistant", equalTo("sales-bot"));
    }

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
