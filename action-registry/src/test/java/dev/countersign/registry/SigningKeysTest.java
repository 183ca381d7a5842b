package dev.countersign.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

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
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Signing keys: shown once, encrypted at rest, rotated with an overlap, v1a public keys that verify. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_registry_test"))
class SigningKeysTest {

    /** The internal listener (the management interface), where the executor reads secrets. */
    @TestHTTPResource(value = "/", management = true)
    URL internalListener;

    RequestSpecification internal() {
        return given().port(internalListener.getPort());
    }

    static Map<String, Object> create(String name) {
        return given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"assistant": "keys", "name": "%s", "description": "An action used to test signing key handling.",
             "execution": {"kind": "webhook", "url": "https://hooks.example.com/x"}}""".formatted(name))
                .post("/v1/actions").then().statusCode(201).header("Cache-Control", "no-store")
                .extract().jsonPath().getMap("");
    }

    static String internalPath(String name) {
        return "/internal/v1/actions/acme/keys/" + name + "/versions/1";
    }

    @Test
    void secretsAreEncryptedAtRest() throws Exception {
        String name = "enc_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> created = create(name);
        String secret = (String) created.get("signing_secret");
        byte[] secretKey = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        String privateKey = internal().auth().oauth2(TestJwt.service()).get(internalPath(name)).then().statusCode(200)
                .extract().path("signing_keys[0].private_key");
        assertThat(privateKey).startsWith("whsk_");

        List<byte[]> stored = new ArrayList<>();
        try (var c = DriverManager.getConnection(TestDatabases.jdbcUrl("countersign_registry_test"), TestDatabases.USER,
                TestDatabases.PASSWORD);
                var s = c.prepareStatement("SELECT * FROM signing_keys WHERE name = ?")) {
            s.setString(1, name);
            try (var rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    byte[] value = rs.getBytes(i);
                    if (value != null) {
                        stored.add(value);
                    }
                }
            }
        }
        String hexSecretKey = HexFormat.of().formatHex(secretKey);
        for (byte[] column : stored) {
            String text = new String(column, StandardCharsets.ISO_8859_1);
            assertThat(text).doesNotContain(secret).doesNotContain(secret.substring(6)).doesNotContain(privateKey)
                    .doesNotContain(privateKey.substring(5));
            assertThat(HexFormat.of().formatHex(column)).doesNotContain(hexSecretKey);
        }
    }

    @Test
    void publicKeysAreReadableAndVerifyV1aSignaturesMadeWithThePrivateKey() throws Exception {
        String name = "pub_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> created = create(name);
        assertThat((String) created.get("signing_public_key")).startsWith("whpk_");
        String publicKey = given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/keys/" + name
                + "/signing-keys").then().statusCode(200).body("keys", hasSize(1))
                .body("keys[0].public_key", startsWith("whpk_")).extract().path("keys[0].public_key");
        assertThat(given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/keys/" + name + "/signing-keys")
                .asString()).doesNotContain("whsec_").doesNotContain("whsk_");

        String privateKey = internal().auth().oauth2(TestJwt.service()).get(internalPath(name)).then()
                .extract().path("signing_keys[0].private_key");
        byte[] seed = java.util.Arrays.copyOf(Base64.getDecoder().decode(privateKey.substring(5)), 32);
        // PKCS#8 wrapper for a raw Ed25519 seed (RFC 8410).
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(seed));
        var signer = Signature.getInstance("Ed25519");
        signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pkcs8)));
        byte[] content = "msg_1.1700000000.{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        signer.update(content);
        byte[] signature = signer.sign();

        byte[] x509 = HexFormat.of().parseHex("302a300506032b6570032100"
                + HexFormat.of().formatHex(Base64.getDecoder().decode(publicKey.substring(5))));
        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509)));
        verifier.update(content);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void rotationKeepsThePreviousKeyValidForTheOverlap() {
        String name = "rot_" + UUID.randomUUID().toString().substring(0, 8);
        String first = (String) create(name).get("signing_secret");
        var rotated = given().auth().oauth2(TestJwt.admin("acme"))
                .post("/v1/actions/acme/keys/" + name + "/rotate-signing-key").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("signing_secret", startsWith("whsec_")).body("signing_public_key", startsWith("whpk_"))
                .extract().jsonPath();
        String second = rotated.getString("signing_secret");
        assertThat(second).isNotEqualTo(first);
        assertThat(rotated.getLong("previous_keys_valid_for_seconds")).isEqualTo(Duration.ofHours(24).toSeconds());

        List<String> secrets = internal().auth().oauth2(TestJwt.service()).get(internalPath(name)).then().statusCode(200)
                .extract().path("signing_secrets");
        assertThat(secrets).containsExactly(second, first);

        var keys = given().auth().oauth2(TestJwt.member("acme")).get("/v1/actions/acme/keys/" + name + "/signing-keys")
                .then().body("keys", hasSize(2)).extract().jsonPath();
        assertThat(keys.getString("keys[0].expires_at")).isNull();
        Instant previousEnds = Instant.parse(keys.getString("keys[1].expires_at"));
        assertThat(previousEnds).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        given().auth().oauth2(TestJwt.member("acme")).post("/v1/actions/acme/keys/" + name + "/rotate-signing-key")
                .then().statusCode(403);
        given().auth().oauth2(TestJwt.admin("globex")).post("/v1/actions/acme/keys/" + name + "/rotate-signing-key")
                .then().statusCode(404);
    }
}
