package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Signatures over arbitrary ids, bodies and timestamps verify with the reference library; tampering never does. */
class WebhookSignerPropertiesTest {
    private static final String SECRET = WebhookSignerTest.newSecret();

    @Property(tries = 300)
    void anySignedPayloadVerifies(@ForAll String body,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String idSuffix,
            @ForAll @IntRange(min = -240, max = 240) int skewSeconds) throws Exception {
        String id = "msg_" + idSuffix;
        long timestamp = Instant.now().getEpochSecond() + skewSeconds;
        String signature = new WebhookSigner(List.of(SECRET)).sign(id, timestamp, body);
        new Webhook(SECRET).verify(body, WebhookSignerTest.headers(id, timestamp, signature));
    }

    @Property(tries = 300)
    void aTamperedBodyNeverVerifies(@ForAll String body, @ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @CharRange(from = '!', to = '~') char inserted,
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String idSuffix) {
        // one character slipped in anywhere (always a different UTF-8 byte sequence, unlike two random strings,
        // which can encode alike when they hold lone surrogates)
        int at = position % (body.length() + 1);
        String tampered = body.substring(0, at) + inserted + body.substring(at);
        String id = "msg_" + idSuffix;
        long timestamp = Instant.now().getEpochSecond();
        String signature = new WebhookSigner(List.of(SECRET)).sign(id, timestamp, body);
        assertThatThrownBy(() -> new Webhook(SECRET).verify(tampered, WebhookSignerTest.headers(id, timestamp,
                signature))).isInstanceOf(WebhookVerificationException.class);
    }

    @Property(tries = 200)
    void matchesTheReferenceSignatureForAnyTimestamp(@ForAll String body,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int timestamp) throws Exception {
        String ours = new WebhookSigner(List.of(SECRET)).sign("msg_1", timestamp, body);
        org.assertj.core.api.Assertions.assertThat(ours).isEqualTo(new Webhook(SECRET).sign("msg_1", timestamp, body));
    }
}
