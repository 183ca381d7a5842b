package dev.countersign.approval.web.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.approval.domain.Decision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Link tokens: what the secret signed comes back whole; anything changed, garbled or signed otherwise does not. */
class LinkTokensTest {
    static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
    final LinkTokens tokens = new LinkTokens(SECRET);
    final LinkClaims claims = new LinkClaims("link-1", "acme", "p-1", "ada@acme", Decision.APPROVE,
            "ab".repeat(32), Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void aSignedTokenVerifiesToItsClaims() {
        String token = tokens.sign(claims);
        assertThat(token).startsWith("v1.").matches("[A-Za-z0-9_.-]+");
        assertThat(tokens.verify(token)).contains(claims);
    }

    @Test
    void aChangedPayloadIsRefused() {
        String token = tokens.sign(claims);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherTenant = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\"acme\"", "\"evil\"").getBytes(StandardCharsets.UTF_8));
        String otherDecision = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("\"approve\"", "\"deny\"").getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(parts[0] + "." + otherTenant + "." + parts[2])).isEmpty();
        assertThat(tokens.verify(parts[0] + "." + otherDecision + "." + parts[2])).isEmpty();
    }

    @Test
    void aChangedSignatureOrAnotherSecretIsRefused() {
        String token = tokens.sign(claims);
        for (int cut : new int[] {1, 10}) {
            int at = token.length() - cut;
            char c = token.charAt(at);
            String changed = token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
            assertThat(tokens.verify(changed)).as("signature changed at -" + cut).isEmpty();
        }
        assertThat(new LinkTokens(SECRET + "x").verify(token)).isEmpty();
        assertThat(tokens.verify(token + "A")).isEmpty();
    }

    @Test
    void garbageIsNoLink() {
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify("v1")).isEmpty();
        assertThat(tokens.verify("v1..")).isEmpty();
        assertThat(tokens.verify("v2.e30.abc")).isEmpty();
        assertThat(tokens.verify("v1.%%%.***")).isEmpty();
        assertThat(tokens.verify("x".repeat(5000))).isEmpty();
    }

    @Test
    void aMissingOrShortSecretIsRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> new LinkTokens(null)).hasMessageContaining("countersign.approval.links.secret");
        assertThatThrownBy(() -> new LinkTokens("too-short")).hasMessageContaining("at least 32");
    }
}
