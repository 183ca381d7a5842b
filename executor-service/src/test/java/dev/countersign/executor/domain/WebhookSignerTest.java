package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.net.http.HttpHeaders;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our signer against the Standard Webhooks reference library. */
class WebhookSignerTest {
    static final SecureRandom RANDOM = new SecureRandom();

    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    static HttpHeaders headers(String id, long timestamp, String signature) {
        return HttpHeaders.of(Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature)), (a, b) -> true);
    }

    @Test
    void theReferenceLibraryVerifiesOurSignature() throws Exception {
        String secret = newSecret();
        String body = "{\"type\":\"action.execute\",\"proposal_id\":\"p-1\",\"parameters\":{\"note\":\"häagen ✓\"}}";
        long now = Instant.now().getEpochSecond();
        String signature = new WebhookSigner(List.of(secret)).sign("msg_abc", now, body);

        assertThat(signature).startsWith("v1,");
        new Webhook(secret).verify(body, headers("msg_abc", now, signature));
        assertThat(signature).isEqualTo(new Webhook(secret).sign("msg_abc", now, body));
    }

    @Test
    void everyActiveSecretSignsSoEitherVerifiesDuringARotation() throws Exception {
        String newest = newSecret();
        String older = newSecret();
        long now = Instant.now().getEpochSecond();
        String signature = new WebhookSigner(List.of(newest, older)).sign("msg_rot", now, "{}");

        assertThat(signature.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(newest).verify("{}", headers("msg_rot", now, signature));
        new Webhook(older).verify("{}", headers("msg_rot", now, signature));
        assertThatThrownBy(() -> new Webhook(newSecret()).verify("{}", headers("msg_rot", now, signature)))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }

    @Test
    void theWhsecPrefixIsOptional() throws Exception {
        String secret = newSecret();
        long now = Instant.now().getEpochSecond();
        String signature = new WebhookSigner(List.of(secret.substring("whsec_".length()))).sign("msg_x", now, "a");
        new Webhook(secret).verify("a", headers("msg_x", now, signature));
    }

    @Test
    void noSecretOrABrokenOneIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new WebhookSigner(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookSigner(List.of("whsec_not*base64!")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not*base64")
                .hasNoCause();
    }

    @Test
    void v1aEntriesAreEd25519SignaturesThatThePublicKeyVerifies() throws Exception {
        var pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] x509 = pair.getPublic().getEncoded();
        byte[] libsodium = new byte[64];
        System.arraycopy(pkcs8, pkcs8.length - 32, libsodium, 0, 32);
        System.arraycopy(x509, x509.length - 32, libsodium, 32, 32);
        String whsk = "whsk_" + Base64.getEncoder().encodeToString(libsodium);
        String secret = newSecret();
        String body = "{\"a\":1}";

        long now = Instant.now().getEpochSecond();
        String header = new WebhookSigner(List.of(secret), List.of(whsk)).sign("msg_1", now, body);
        String[] entries = header.split(" ");
        assertThat(entries).hasSize(2);
        assertThat(entries[0]).startsWith("v1,");
        assertThat(entries[1]).startsWith("v1a,");
        var verifier = java.security.Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(("msg_1." + now + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(entries[1].substring(4)))).isTrue();
        // the reference library still verifies the v1 entry among several
        new Webhook(secret).verify(body, headers("msg_1", now, header));
    }

    @Test
    void aBrokenPrivateKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> new WebhookSigner(List.of(newSecret()), List.of("whsk_AAAA")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("AAAA");
    }
}
