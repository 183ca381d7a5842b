package dev.countersign.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry's REST surface against the real database and broker. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_registry_test"))
class ActionsResourceTest {
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> actionsTopic;

    /** The internal listener (the management interface): /internal, health, metrics. */
    @TestHTTPResource(value = "/", management = true)
    URL internalListener;

    RequestSpecification internal() {
        return given().port(internalListener.getPort());
    }

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        actionsTopic = kafka.watch(Topics.ACTIONS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    static String definition(String name, String url) {
        return """
            {"tenant": "acme", "assistant": "support-bot", "name": "%s",
             "display_name": "Check order status",
             "description": "Check the status of a customer order. Requires the order number.",
             "parameters": [
               {"name": "order_number", "type": "string", "required": true, "pattern": "^ORD-[0-9]+$"},
               {"name": "quantity", "type": "integer", "min": 1, "max": 10}
             ],
             "approval": {"mode": "auto"},
             "execution": {"kind": "webhook", "url": "%s", "timeout_ms": 5000}}
            """.formatted(name, url);
    }

    static String uniqueName() {
        return "check_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createAnswers201WithTheSecretOnceAndPublishesTheDefinitionWithoutIt() {
        String name = uniqueName();
        String secret = given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(name, "https://hooks.example.com/cs"))
                .when().post("/v1/actions")
                .then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("version", equalTo(1))
                .body("status", equalTo("active"))
                .body("signing_secret", startsWith("whsec_"))
                .body("parameters_json_schema.required", hasItems("order_number"))
                .body("parameters_json_schema.additionalProperties", equalTo(false))
                .extract().path("signing_secret");

        given().auth().oauth2(TestJwt.member("acme"))
                .when().get("/v1/actions/acme/support-bot/" + name)
                .then().statusCode(200)
                .body("name", equalTo(name))
                .body("signing_secret", nullValue());

        var event = KafkaTestClient.await(actionsTopic, r -> ("acme/support-bot/" + name).equals(r.key()),
                Duration.ofSeconds(15));
        assertThat(event.type()).isEqualTo(EventTypes.ACTION_PUBLISHED);
        assertThat(event.header("ce_source")).isEqualTo("/countersign/action-registry");
        assertThat(event.json().path("version").asInt()).isEqualTo(1);
        assertThat(event.value()).doesNotContain(secret).doesNotContain("whsec_");
    }

    @Test
    void updateMakesANewVersionAndTheOldOneStaysReadable() {
        String name = uniqueName();
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(name, "https://hooks.example.com/v1")).post("/v1/actions").then().statusCode(201);
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(name, "https://hooks.example.com/v2"))
                .put("/v1/actions/acme/support-bot/" + name)
                .then().statusCode(200).body("version", equalTo(2)).body("signing_secret", nullValue());

        given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/support-bot/" + name)
                .then().body("version", equalTo(2)).body("execution.url", equalTo("https://hooks.example.com/v2"));
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/support-bot/" + name + "?version=1")
                .then().body("version", equalTo(1)).body("execution.url", equalTo("https://hooks.example.com/v1"))
                .body("status", equalTo("superseded"));
    }

    @Test
    void concurrentCreatesOfOneActionGiveOne201AndConflictsForTheRest() throws Exception {
        String name = uniqueName();
        String body = definition(name, "https://hooks.example.com/x");
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(callers.submit(() -> given().auth().oauth2(TestJwt.admin("acme"))
                        .contentType(ContentType.JSON).body(body).post("/v1/actions").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        } finally {
            callers.shutdownNow();
        }
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/support-bot/" + name + "?version=2")
                .then().statusCode(404);
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body(body).post("/v1/actions")
                .then().statusCode(409).body("code", equalTo("already_exists"));
    }

    @Test
    void aStoredVersionReadsBackExactlyAsSavedWithLongNumbersAndMemberOrder() {
        String name = uniqueName();
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"assistant": "support-bot", "name": "%s",
             "description": "Refund an order; the limits use numbers a double cannot hold.",
             "parameters_schema": {"type": "object", "additionalProperties": false,
               "properties": {"zeta": {"type": "number", "maximum": 12345678901234567890.123456789},
                              "alpha": {"type": "integer", "minimum": -123456789012345678901234567}}},
             "execution": {"kind": "webhook", "url": "https://hooks.example.com/x"}}""".formatted(name))
                .post("/v1/actions").then().statusCode(201);
        String stored = given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/support-bot/" + name)
                .then().statusCode(200).extract().asString();
        assertThat(stored).contains("12345678901234567890.123456789").contains("-123456789012345678901234567");
        String compiled = stored.substring(stored.indexOf("\"parameters_json_schema\""));
        assertThat(compiled.indexOf("\"zeta\"")).isLessThan(compiled.indexOf("\"alpha\""));
    }

    @Test
    void retiringPublishesRetiredAndKeepsHistory() {
        String name = uniqueName();
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(name, "https://hooks.example.com/x")).post("/v1/actions").then().statusCode(201);
        given().auth().oauth2(TestJwt.admin("acme")).delete("/v1/actions/acme/support-bot/" + name)
                .then().statusCode(204);
        given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/support-bot/" + name)
                .then().statusCode(200).body("status", equalTo("retired"));
        var retired = KafkaTestClient.await(actionsTopic, r -> ("acme/support-bot/" + name).equals(r.key())
                && EventTypes.ACTION_RETIRED.equals(r.type()), Duration.ofSeconds(15));
        assertThat(retired.json().path("action").asText()).isEqualTo(name);
    }

    @Test
    void everyProblemOfAnInvalidDefinitionIsReportedAtOnceWithItsPath() {
        String body = """
            {"tenant": "acme", "assistant": "support-bot", "name": "bad name!",
             "description": "too short",
             "parameters": [
               {"name": "a", "type": "strng"},
               {"name": "a", "type": "string", "pattern": "([unclosed"},
               {"name": "n", "type": "number", "min": 5, "max": 1},
               {"name": "e", "type": "enum"}
             ],
             "execution": {"kind": "webhook", "url": "https://10.0.0.1/hook", "timeout_ms": 60000}}
            """;
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body(body)
                .when().post("/v1/actions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("invalid"))
                .body("errors.path", hasItems("name", "description", "parameters[0].type", "parameters[1].name",
                        "parameters[1].pattern", "parameters[2].max", "parameters[3].values", "execution.timeout_ms"))
                .body("errors.code", hasItems("invalid_name", "too_short", "unknown_type", "duplicate",
                        "invalid_pattern", "min_greater_than_max", "required", "out_of_range"));
    }

    @Test
    void aPlainHttpUrlIsRefusedUnlessConfiguredAndCredentialsInUrlsAlways() {
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(uniqueName(), "https://user:pw@hooks.example.com/"))
                .post("/v1/actions").then().statusCode(422).body("errors.path", hasItems("execution.url"));
    }

    @Test
    void unauthenticatedCallersGet401Problem() {
        given().when().get("/v1/actions").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
    }

    @Test
    void anotherTenantsActionIsNotFoundAndMembersCannotWrite() {
        String name = uniqueName();
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(name, "https://hooks.example.com/x")).post("/v1/actions").then().statusCode(201);
        given().auth().oauth2(TestJwt.admin("globex")).get("/v1/actions/acme/support-bot/" + name)
                .then().statusCode(404).body("code", equalTo("not_found"));
        given().auth().oauth2(TestJwt.admin("globex")).get("/v1/actions")
                .then().statusCode(200).body("items.name", not(hasItems(name)));
        given().auth().oauth2(TestJwt.member("acme")).contentType(ContentType.JSON)
                .body(definition(uniqueName(), "https://hooks.example.com/x")).post("/v1/actions")
                .then().statusCode(403).body("code", equalTo("forbidden"));
    }

    @Test
    void theInternalEndpointGivesSecretsOnlyToServicesOnTheInternalListener() {
        String name = uniqueName();
        String secret = given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(name, "https://hooks.example.com/x")).post("/v1/actions")
                .then().statusCode(201).extract().path("signing_secret");
        String path = "/internal/v1/actions/acme/support-bot/" + name + "/versions/1";
        internal().auth().oauth2(TestJwt.service()).get(path).then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("signing_secrets", hasItems(secret))
                .body("signing_keys[0].secret", equalTo(secret))
                .body("definition.version", equalTo(1));
        internal().auth().oauth2(TestJwt.admin("acme")).get(path).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        internal().auth().oauth2(TestJwt.token("some-other-service", "*", "countersign-service")).get(path)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        internal().get(path).then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("unauthorized"));
        internal().auth().oauth2(TestJwt.service()).get("/internal/v1/actions/acme/support-bot/" + name + "/versions/2")
                .then().statusCode(404).body("code", equalTo("action_version_not_found"));
        internal().auth().oauth2(TestJwt.service()).get("/internal/v1/actions/globex/support-bot/" + name + "/versions/1")
                .then().statusCode(404);
    }

    @Test
    void theInternalEndpointIsNotServedOnThePublicPort() {
        String name = uniqueName();
        String secret = given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(name, "https://hooks.example.com/x")).post("/v1/actions")
                .then().statusCode(201).extract().path("signing_secret");
        String path = "/internal/v1/actions/acme/support-bot/" + name + "/versions/1";
        String publicAnswer = given().auth().oauth2(TestJwt.service()).get(path).then().statusCode(404)
                .extract().asString();
        assertThat(publicAnswer).doesNotContain(secret).doesNotContain("whsec_").doesNotContain("whsk_");
        assertThat(internalListener.getPort()).isNotEqualTo(io.restassured.RestAssured.port);
        internal().auth().oauth2(TestJwt.service()).get(path).then().statusCode(200)
                .body("signing_secrets", hasItems(secret));
    }

    @Test
    void theInternalListenerChecksAudienceAndAlgorithmLikeThePublicPort() {
        String name = uniqueName();
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(definition(name, "https://hooks.example.com/x")).post("/v1/actions").then().statusCode(201);
        String path = "/internal/v1/actions/acme/support-bot/" + name + "/versions/1";
        internal().auth().oauth2(TestJwt.tokenForAudience("another-deployment", "countersign-executor", "*",
                "countersign-service")).get(path).then().statusCode(401).body("code", equalTo("unauthorized"));
        internal().auth().oauth2(TestJwt.hs256(TestJwt.publicKeyPem(), "countersign-executor", "*",
                "countersign-service")).get(path).then().statusCode(401);
        internal().auth().oauth2(TestJwt.token("countersign-executor", null, "countersign-service")).get(path)
                .then().statusCode(401);
        given().auth().oauth2(TestJwt.tokenForAudience("another-deployment", "admin@acme", "acme",
                "countersign-admin")).get("/v1/actions").then().statusCode(401);
        given().auth().oauth2(TestJwt.hs256(TestJwt.publicKeyPem(), "admin@acme", "acme", "countersign-admin"))
                .get("/v1/actions").then().statusCode(401);
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("{\"tenant\": ")
                .post("/v1/actions").then().statusCode(400).body("code", equalTo("malformed"));
    }

    @Test
    void readinessCoversTheDatabaseAndKafkaAndOpenApiDocumentsTheEndpoints() {
        // health and metrics are on the internal listener only
        internal().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItems("SmallRye Reactive Messaging - readiness check"));
        internal().get("/q/metrics").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/actions"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/actions/{tenant}/{assistant}/{name}"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/actions/{tenant}/{assistant}/{name}/signing-keys"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/actions/{tenant}/{assistant}/{name}/rotate-signing-key"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/tools/{tenant}/{assistant}"))
                .body("paths.'/v1/actions'.post.requestBody.content.'application/json'.examples", org.hamcrest.Matchers.notNullValue())
                .body("components.securitySchemes", org.hamcrest.Matchers.hasKey("bearer"));
    }
}
