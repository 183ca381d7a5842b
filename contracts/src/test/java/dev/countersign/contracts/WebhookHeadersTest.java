package dev.countersign.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.webhook.WebhookHeaders;
import org.junit.jupiter.api.Test;

/** The header-name rules the registry checks on save and the executor again before sending. */
class WebhookHeadersTest {

    @Test
    void headersCountersignSetsAreReservedInAnyCase() {
        assertThat(WebhookHeaders.reserved("Webhook-Signature")).isTrue();
        assertThat(WebhookHeaders.reserved("webhook-anything")).isTrue();
        assertThat(WebhookHeaders.reserved("TraceParent")).isTrue();
        assertThat(WebhookHeaders.reserved("Content-Length")).isTrue();
        assertThat(WebhookHeaders.reserved("Authorization")).isFalse();
        assertThat(WebhookHeaders.reserved("X-Api-Key")).isFalse();
    }

    @Test
    void fieldNamesAreRfc9110Tokens() {
        assertThat(WebhookHeaders.validName("X-Api-Key")).isTrue();
        assertThat(WebhookHeaders.validName("Bad Header")).isFalse();
        assertThat(WebhookHeaders.validName("a:b")).isFalse();
        assertThat(WebhookHeaders.validName("")).isFalse();
        assertThat(WebhookHeaders.validName(null)).isFalse();
    }
}
