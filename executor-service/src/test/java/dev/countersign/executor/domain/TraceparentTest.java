package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** W3C traceparent headers: valid form, one trace per execution, a new parent id per attempt. */
class TraceparentTest {

    @Test
    void headersAreValidAndShareTheTraceButNotTheSpan() {
        Traceparent trace = Traceparent.newTrace(new SecureRandom());
        String first = trace.nextHeader();
        String second = trace.nextHeader();
        assertThat(first).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("-" + "0".repeat(16) + "-");
        assertThat(first.substring(3, 35)).isEqualTo(trace.traceId()).isEqualTo(second.substring(3, 35));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void webhookIdsAreUniqueAndUrlSafe() {
        String a = WebhookIds.newId();
        assertThat(a).matches("msg_[A-Za-z0-9_-]{22}").isNotEqualTo(WebhookIds.newId());
    }
}
