package dev.countersign.approval.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * How every Countersign service verifies bearer tokens (the kit's shared configuration), checked once for the
 * platform here: issuer, audience, RS256 signature and the required {@code tenant} claim decide 401; the
 * policy and the caller's groups decide what it sees.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = ApprovalsResourceTest.DATABASE))
class JwtVerificationTest {
    static final String TENANT = "acme";

    static void unauthorized(String token) {
        given().auth().oauth2(token).get("/v1/approvals")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthorized"));
    }

    @Test
    void aTokenForAnotherDeploymentsAudienceIsRefused() {
        unauthorized(TestJwt.tokenForAudience("other-deployment", "approver@acme", TENANT, "approver"));
    }

    @Test
    void anHs256TokenSignedWithThePublicKeyIsRefused() {
        // Algorithm confusion: the public key is no secret, so an HMAC over it proves nothing.
        unauthorized(TestJwt.hs256(TestJwt.publicKeyPem(), "approver@acme", TENANT, "approver"));
    }

    @Test
    void anHs256TokenSignedWithAnySecretIsRefused() {
        unauthorized(TestJwt.hs256("an-arbitrary-secret-of-at-least-256-bits!!", "approver@acme", TENANT,
                "approver", "countersign-admin"));
    }

    @Test
    void aTokenWithoutATenantIsRefused() {
        unauthorized(TestJwt.token("approver@nowhere", null, "approver"));
    }

    @Test
    void aPlainUserListsOnlyWhatItMayDecideAndReadsNothingElse() {
        given().auth().oauth2(TestJwt.member(TENANT)).get("/v1/approvals?status=pending")
                .then().statusCode(200)
                .contentType("application/json");
        given().auth().oauth2(TestJwt.member(TENANT)).get("/v1/approvals/p-anything")
                .then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void anApproverLists() {
        given().auth().oauth2(TestJwt.approver(TENANT)).get("/v1/approvals")
                .then().statusCode(200)
                .contentType("application/json");
    }
}
