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
}
