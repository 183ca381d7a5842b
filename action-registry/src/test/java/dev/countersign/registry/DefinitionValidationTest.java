package dev.countersign.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** One test per save-time rule: each asserts the problem's field path and code. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_registry_test"))
class DefinitionValidationTest {

    static ValidatableResponse post(String extraTopLevel, String parameters, String approval, String execution) {
        String body = """
            {"tenant": "acme", "assistant": "bot", "name": "rule_%d",
             "description": "A valid description that is long enough to guide the assistant."%s,
             "parameters": %s, "approval": %s, "execution": %s}
            """.formatted(System.nanoTime(), extraTopLevel, parameters, approval, execution);
        return given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body(body)
                .post("/v1/actions").then();
    }

    static final String OK_PARAMS = "[{\"name\": \"amount\", \"type\": \"number\"}]";
    static final String OK_APPROVAL = "{\"mode\": \"auto\"}";
    static final String OK_EXECUTION = "{\"kind\": \"webhook\", \"url\": \"https://hooks.example.com/x\"}";

    static void expect(ValidatableResponse response, String path, String code) {
        response.statusCode(422).contentType("application/problem+json").body("code", equalTo("invalid"))
                .body("errors.find { it.path == '" + path + "' }.code", equalTo(code));
    }

    @Test
    void aValidDefinitionIsAccepted() {
        post("", OK_PARAMS, "{\"mode\": \"require_approval\", \"approver\": \"role:finance\", \"rules\": "
                + "[{\"when\": \"parameters.amount > 1000\", \"approver\": \"role:cfo\", \"quorum\": 2}]}", OK_EXECUTION)
                .statusCode(201);
    }

    @Test
    void unknownParameterType() {
        expect(post("", "[{\"name\": \"a\", \"type\": \"strng\"}]", OK_APPROVAL, OK_EXECUTION),
                "parameters[0].type", "unknown_type");
    }

    @Test
    void badRegex() {
        expect(post("", "[{\"name\": \"a\", \"type\": \"string\", \"pattern\": \"([a-\"}]", OK_APPROVAL, OK_EXECUTION),
                "parameters[0].pattern", "invalid_pattern");
    }

    @Test
    void patternsOutsideLinearTimeRe2SyntaxAreRefused() {
        // valid for java.util.regex, but the proposal-service runs patterns on RE2/J (no backtracking, no ReDoS)
        for (String pattern : new String[] {"(a)\\\\1", "^(?=x)a", "a++"}) {
            var response = post("", "[{\"name\": \"a\", \"type\": \"string\", \"pattern\": \"" + pattern + "\"}]",
                    OK_APPROVAL, OK_EXECUTION);
            expect(response, "parameters[0].pattern", "invalid_pattern");
            response.body("errors.find { it.path == 'parameters[0].pattern' }.message",
                    org.hamcrest.Matchers.containsString("Only linear-time (RE2)"));
        }
        // nor one so large that compiling it would exhaust memory
        expect(post("", "[{\"name\": \"a\", \"type\": \"string\", \"pattern\": \"((a{1000}){1000}){1000}\"}]",
                OK_APPROVAL, OK_EXECUTION), "parameters[0].pattern", "invalid_pattern");
        // and a raw parameters_schema is held to the same rule
        var raw = given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"assistant": "bot", "name": "re2_%d", "description": "A valid description that is long enough.",
             "parameters_schema": {"type": "object", "properties": {"a": {"type": "string", "pattern": "(a)\\\\1"}}},
             "execution": {"kind": "webhook", "url": "https://hooks.example.com/x"}}""".formatted(System.nanoTime()))
                .post("/v1/actions").then();
        expect(raw, "parameters_schema", "invalid_pattern");
        // RE2 syntax is still accepted
        post("", "[{\"name\": \"a\", \"type\": \"string\", \"pattern\": \"^(a+)+[0-9]{1,3}$\"}]", OK_APPROVAL,
                OK_EXECUTION).statusCode(201);
    }

    @Test
    void minGreaterThanMax() {
        expect(post("", "[{\"name\": \"a\", \"type\": \"integer\", \"min\": 9, \"max\": 2}]", OK_APPROVAL, OK_EXECUTION),
                "parameters[0].max", "min_greater_than_max");
    }

    @Test
    void enumWithoutValues() {
        expect(post("", "[{\"name\": \"a\", \"type\": \"enum\"}]", OK_APPROVAL, OK_EXECUTION),
                "parameters[0].values", "required");
    }

    @Test
    void duplicateParameterNames() {
        expect(post("", "[{\"name\": \"a\", \"type\": \"string\"}, {\"name\": \"a\", \"type\": \"integer\"}]",
                OK_APPROVAL, OK_EXECUTION), "parameters[1].name", "duplicate");
    }

    @Test
    void invalidCelRule() {
        expect(post("", OK_PARAMS, "{\"mode\": \"require_approval\", \"rules\": [{\"when\": \"parameters.amount >\"}]}",
                OK_EXECUTION), "approval.rules[0].when", "invalid_cel");
    }

    @Test
    void aCelRuleThatIsNotBooleanIsInvalid() {
        expect(post("", OK_PARAMS, "{\"mode\": \"require_approval\", \"rules\": [{\"when\": \"parameters.amount + 1\"}]}",
                OK_EXECUTION), "approval.rules[0].when", "invalid_cel");
    }

    @Test
    void webhookToAPrivateAddress() {
        expect(post("", OK_PARAMS, OK_APPROVAL, "{\"kind\": \"webhook\", \"url\": \"https://10.1.2.3/hook\"}"),
                "execution.url", "egress_refused");
    }

    @Test
    void webhookToCloudMetadata() {
        expect(post("", OK_PARAMS, OK_APPROVAL, "{\"kind\": \"webhook\", \"url\": \"https://169.254.169.254/latest\"}"),
                "execution.url", "egress_refused");
    }

    @Test
    void timeoutOutOfRange() {
        expect(post("", OK_PARAMS, OK_APPROVAL,
                "{\"kind\": \"webhook\", \"url\": \"https://hooks.example.com/x\", \"timeout_ms\": 30001}"),
                "execution.timeout_ms", "out_of_range");
    }

    @Test
    void moreAttemptsThanTheExecutorEverMakes() {
        // the registry and the executor share one limit (RetryPolicy.MAX_ATTEMPTS), so a saved definition never
        // promises retries the executor would silently drop
        expect(post("", OK_PARAMS, OK_APPROVAL, "{\"kind\": \"webhook\", \"url\": \"https://hooks.example.com/x\", "
                + "\"retry\": {\"max_attempts\": " + (dev.countersign.contracts.actions.RetryPolicy.MAX_ATTEMPTS + 1) + "}}"),
                "execution.retry.max_attempts", "out_of_range");
    }

    @Test
    void expiryAboveTheMaximum() {
        expect(post("", OK_PARAMS, "{\"mode\": \"auto\", \"expires_in_minutes\": 43201}", OK_EXECUTION),
                "approval.expires_in_minutes", "out_of_range");
    }

    @Test
    void unknownFieldsAreReportedWithTheirPaths() {
        var response = post(", \"colour\": \"red\"", "[{\"name\": \"a\", \"type\": \"string\", \"requried\": true}]",
                OK_APPROVAL, OK_EXECUTION);
        response.statusCode(422).body("errors.path", hasItems("colour", "parameters[0].requried"))
                .body("errors.code", hasItems("unknown_field"));
    }

    @Test
    void invalidToolName() {
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"assistant": "bot", "name": "has space", "description": "A valid description that is long enough.",
             "execution": {"kind": "webhook", "url": "https://hooks.example.com/x"}}""")
                .post("/v1/actions").then().statusCode(422)
                .body("errors.find { it.path == 'name' }.code", equalTo("invalid_name"));
    }

    @Test
    void unknownApprovalModeAndApprover() {
        var response = post("", OK_PARAMS, "{\"mode\": \"sometimes\", \"approver\": \"boss\"}", OK_EXECUTION);
        expect(response, "approval.mode", "unknown_mode");
        expect(response, "approval.approver", "invalid_approver");
    }

    @Test
    void rateLimitsAreChecked() {
        var response = post(", \"rate_limits\": [{\"scope\": \"planet\", \"limit\": 0, \"window\": \"ten minutes\"}]",
                OK_PARAMS, OK_APPROVAL, OK_EXECUTION);
        expect(response, "rate_limits[0].scope", "unknown_scope");
        expect(response, "rate_limits[0].limit", "out_of_range");
        expect(response, "rate_limits[0].window", "invalid_duration");
    }

    @Test
    void aWrongTypeNamesTheField() {
        expect(post("", "[{\"name\": \"a\", \"type\": \"integer\", \"min\": \"low\"}]", OK_APPROVAL, OK_EXECUTION),
                "parameters[0].min", "wrong_type");
    }

    @Test
    void maximumExpiryOutOfRangeAndADefaultAboveIt() {
        expect(post("", OK_PARAMS, "{\"mode\": \"auto\", \"max_expires_in_minutes\": 50000}", OK_EXECUTION),
                "approval.max_expires_in_minutes", "out_of_range");
        expect(post("", OK_PARAMS, "{\"mode\": \"auto\", \"expires_in_minutes\": 200, \"max_expires_in_minutes\": 100}",
                OK_EXECUTION), "approval.expires_in_minutes", "above_maximum");
    }

    @Test
    void anInvalidAuthHeaderName() {
        expect(post("", OK_PARAMS, OK_APPROVAL, "{\"kind\": \"webhook\", \"url\": \"https://hooks.example.com/x\", "
                + "\"auth\": {\"credential\": \"tok\", \"header\": \"Bad Header\"}}"), "execution.auth.header",
                "invalid_header");
    }

    @Test
    void aParametersSchemaReferringToAUrlIsRefusedWithoutFetchingIt() {
        var response = given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"assistant": "bot", "name": "ref_%d", "description": "A valid description that is long enough.",
             "parameters_schema": {"type": "object", "$ref": "http://169.254.169.254/latest/meta-data"},
             "execution": {"kind": "webhook", "url": "https://hooks.example.com/x"}}""".formatted(System.nanoTime()))
                .post("/v1/actions").then();
        expect(response, "parameters_schema", "invalid_schema");
        response.body("errors.find { it.path == 'parameters_schema' }.message",
                org.hamcrest.Matchers.containsString("self-contained"));
    }

    @Test
    void aCredentialMayNotReplaceAHeaderCountersignSets() {
        expect(post("", OK_PARAMS, OK_APPROVAL, "{\"kind\": \"webhook\", \"url\": \"https://hooks.example.com/x\", "
                + "\"auth\": {\"credential\": \"tok\", \"header\": \"Webhook-Signature\"}}"), "execution.auth.header",
                "reserved_header");
    }

    @Test
    void checksThatNeedLookupsAreReportedTogetherWithTheStaticOnes() {
        var response = post("", "[{\"name\": \"a\", \"type\": \"strng\"}]", OK_APPROVAL,
                "{\"kind\": \"webhook\", \"url\": \"https://10.9.8.7/hook\", \"auth\": {\"credential\": \"nope\"}}");
        expect(response, "parameters[0].type", "unknown_type");
        expect(response, "execution.url", "egress_refused");
        expect(response, "execution.auth.credential", "unknown_credential");
    }
}
