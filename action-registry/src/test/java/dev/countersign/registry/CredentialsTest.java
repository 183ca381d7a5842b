package dev.countersign.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestDatabases;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Outbound credentials: write-only, encrypted at rest, referenced by name, handed only to the executor. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_registry_test"))
class CredentialsTest {

    /** The internal listener (the management interface), where the executor reads secrets. */
    @TestHTTPResource(value = "/", management = true)
    URL internalListener;

    RequestSpecification internal() {
        return given().port(internalListener.getPort());
    }

    static String action(String name, String credential) {
        return """
            {"assistant": "tickets", "name": "%s", "description": "Open a ticket in the ticketing system for the user.",
             "execution": {"kind": "http_template", "url": "https://tickets.example.com/api",
                           "auth": {"credential": "%s", "header": "Authorization", "scheme": "Bearer"}}}
            """.formatted(name, credential);
    }

    @Test
    void aCredentialIsWriteOnlyEncryptedAndGivenToTheExecutorForItsAction() throws Exception {
        String credential = "ticketing_" + UUID.randomUUID().toString().substring(0, 6);
        String value = "tok-" + UUID.randomUUID();
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body("{\"value\": \"" + value + "\", \"description\": \"ticketing API token\"}")
                .put("/v1/credentials/acme/" + credential).then().statusCode(201).body("name", equalTo(credential));
        String listed = given().auth().oauth2(TestJwt.member("acme")).get("/v1/credentials/acme").then().statusCode(200)
                .body("items.name", hasItem(credential)).extract().asString();
        assertThat(listed).doesNotContain(value);

        try (var c = DriverManager.getConnection(TestDatabases.jdbcUrl("countersign_registry_test"), TestDatabases.USER,
                TestDatabases.PASSWORD); var s = c.prepareStatement("SELECT ciphertext FROM credentials WHERE name = ?")) {
            s.setString(1, credential);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain(value);
            }
        }

        String name = "open_ticket_" + UUID.randomUUID().toString().substring(0, 6);
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body(action(name, credential))
                .post("/v1/actions").then().statusCode(201);
        internal().auth().oauth2(TestJwt.service()).get("/internal/v1/actions/acme/tickets/" + name + "/versions/1")
                .then().statusCode(200).body("credentials." + credential, equalTo(value));
        assertThat(given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/tickets/" + name).asString())
                .doesNotContain(value);
    }

    @Test
    void aDefinitionReferencingAMissingCredentialIsRefused() {
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON)
                .body(action("missing_" + UUID.randomUUID().toString().substring(0, 6), "no_such_credential"))
                .post("/v1/actions").then().statusCode(422)
                .body("errors.find { it.path == 'execution.auth.credential' }.code", equalTo("unknown_credential"));
    }

    @Test
    void onlyAdminsOfTheTenantWriteAndOtherTenantsSeeNothing() {
        given().auth().oauth2(TestJwt.member("acme")).contentType(ContentType.JSON).body("{\"value\": \"x\"}")
                .put("/v1/credentials/acme/x").then().statusCode(403);
        given().auth().oauth2(TestJwt.admin("globex")).get("/v1/credentials/acme").then().statusCode(404);
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("{\"description\": \"no value\"}")
                .put("/v1/credentials/acme/empty").then().statusCode(422).body("errors[0].path", equalTo("value"));
    }
}
