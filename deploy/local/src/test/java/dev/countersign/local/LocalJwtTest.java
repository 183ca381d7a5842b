package dev.countersign.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJwtTest {
    @TempDir
    Path dir;

    /** Verifies the way a service does: with the public key read from the PEM file, and the issuer. */
    private static JwtClaims verify(String token, Path publicKeyPem) throws Exception {
        String base64 = Files.readString(publicKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        return new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer(LocalJwt.ISSUER)
                .setExpectedAudience(LocalJwt.AUDIENCE)
                .setRequireExpirationTime().setRequireSubject().build().processToClaims(token);
    }

    @Test
    void tokensVerifyWithThePublishedPublicKeyAndCarryTenantAndGroups() throws Exception {
        LocalJwt jwt = LocalJwt.loadOrCreate(dir);
        Tokens tokens = jwt.issue("acme", Duration.ofDays(365));

        JwtClaims admin = verify(tokens.admin(), jwt.publicKeyFile());
        assertThat(admin.getClaimValueAsString("tenant")).isEqualTo("acme");
        assertThat(admin.getStringListClaimValue("groups")).containsExactly("countersign-admin");
        assertThat(admin.getExpirationTime().getValue() - admin.getIssuedAt().getValue())
                .isEqualTo(Duration.ofDays(365).toSeconds());

        JwtClaims approver = verify(tokens.approver(), jwt.publicKeyFile());
        assertThat(approver.getStringListClaimValue("groups")).containsExactly("approver");
        assertThat(approver.getSubject()).isEqualTo(Tokens.approverSubject("acme")).isEqualTo("approver@acme");
        JwtClaims finance = verify(tokens.finance(), jwt.publicKeyFile());
        assertThat(finance.getStringListClaimValue("groups")).containsExactly("finance");
        assertThat(finance.getClaimValueAsString("tenant")).isEqualTo("acme");
        JwtClaims user = verify(tokens.user(), jwt.publicKeyFile());
        assertThat(user.getStringListClaimValue("groups")).isEmpty();
        assertThat(user.getClaimValueAsString("tenant")).isEqualTo("acme");

        assertThat(verify(tokens.submitter(), jwt.publicKeyFile()).getStringListClaimValue("groups"))
                .containsExactly("countersign-submitter");
        assertThat(verify(tokens.auditor(), jwt.publicKeyFile()).getStringListClaimValue("groups"))
                .containsExactly("countersign-auditor");

        // forbid_self_approval compares subjects: an approver must never be the end user or the submitter
        java.util.List<String> subjects = new java.util.ArrayList<>();
        for (String token : java.util.List.of(tokens.admin(), tokens.approver(), tokens.finance(), tokens.user(),
                tokens.submitter(), tokens.auditor(), tokens.service())) {
            subjects.add(verify(token, jwt.publicKeyFile()).getSubject());
        }
        assertThat(subjects).doesNotHaveDuplicates();
        assertThat(user.getSubject()).isEqualTo(Tokens.userSubject("acme"));

        JwtClaims service = verify(tokens.service(), jwt.publicKeyFile());
        assertThat(service.getStringListClaimValue("groups")).containsExactly("countersign-service");
        assertThat(service.getClaimValueAsString("tenant")).isEqualTo("*");
    }

    @Test
    void theKeyPairIsKeptSoEarlierTokensStayValid() throws Exception {
        String earlier = LocalJwt.loadOrCreate(dir).issue("acme", Duration.ofDays(1)).admin();
        String publicPem = Files.readString(dir.resolve(LocalJwt.PUBLIC_KEY_FILE));

        LocalJwt again = LocalJwt.loadOrCreate(dir);

        assertThat(Files.readString(again.publicKeyFile())).isEqualTo(publicPem);
        assertThat(verify(earlier, again.publicKeyFile()).getSubject()).isEqualTo("admin@acme");
        assertThat(Files.getPosixFilePermissions(dir.resolve(LocalJwt.PRIVATE_KEY_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(dir.resolve(LocalJwt.PRIVATE_KEY_FILE))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void aTokenFromAnotherKeyIsRefused() throws Exception {
        String foreign = LocalJwt.loadOrCreate(dir.resolve("other")).issue("acme", Duration.ofDays(1)).admin();
        LocalJwt ours = LocalJwt.loadOrCreate(dir.resolve("ours"));

        assertThatThrownBy(() -> verify(foreign, ours.publicKeyFile())).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void theEnvFileExportsEveryTokenAndAddress() throws Exception {
        Tokens tokens = LocalJwt.loadOrCreate(dir).issue("acme", Duration.ofDays(1));
        Path file = dir.resolve("tokens.env");

        tokens.writeEnvFile(file, Map.of("REGISTRY_URL", "http://127.0.0.1:8081"));

        String env = Files.readString(file);
        assertThat(env).contains("export ADMIN_TOKEN=" + tokens.admin() + "\n")
                .contains("export APPROVER_TOKEN=" + tokens.approver() + "\n")
                .contains("export FINANCE_TOKEN=" + tokens.finance() + "\n")
                .contains("export USER_TOKEN=" + tokens.user() + "\n")
                .contains("export SERVICE_TOKEN=" + tokens.service() + "\n")
                .contains("export REGISTRY_URL='http://127.0.0.1:8081'\n");
    }
}
