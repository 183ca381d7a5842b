package dev.countersign.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.kit.messaging.TenantTopics.Binding;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TenantTopicsTest {
    private static final String BASE = "countersign.decisions";

    @Test
    void theTopicNamesTheTenant() {
        assertThat(TenantTopics.bind(BASE, "countersign.decisions.acme", null, false))
                .isEqualTo(new Binding.Bound("acme"));
        assertThat(TenantTopics.bind(BASE, "countersign.decisions.acme", "acme", false))
                .isEqualTo(new Binding.Bound("acme"));
    }

    @Test
    void dataNamingAnotherTenantIsForbiddenAndAnsweredToTheTopicsTenant() {
        assertThat(TenantTopics.bind(BASE, "countersign.decisions.acme", "globex", true))
                .isInstanceOf(Binding.Forbidden.class)
                .extracting(b -> ((Binding.Forbidden) b).tenant()).isEqualTo("acme");
    }

    @Test
    void theSharedTopicIsHonouredOnlyWhenTrusted() {
        assertThat(TenantTopics.bind(BASE, BASE, "acme", true)).isEqualTo(new Binding.Bound("acme"));
        assertThat(TenantTopics.bind(BASE, BASE, "acme", false)).isInstanceOf(Binding.Untrusted.class);
        assertThat(TenantTopics.bind(BASE, BASE, null, true)).isInstanceOf(Binding.Untrusted.class);
        assertThat(TenantTopics.bind(BASE, "countersign.other.acme", "acme", true)).isInstanceOf(Binding.Untrusted.class);
    }

    @Test
    void thePatternMatchesTenantTopicsButNeverDeadLetters() {
        Pattern pattern = Pattern.compile(TenantTopics.subscriptionPattern(BASE));
        assertThat(pattern.matcher("countersign.decisions").matches()).isTrue();
        assertThat(pattern.matcher("countersign.decisions.acme").matches()).isTrue();
        assertThat(pattern.matcher("countersign.decisions.acme-eu.prod").matches()).isTrue();
        assertThat(pattern.matcher("countersign.decisions.dlq").matches()).isFalse();
        assertThat(pattern.matcher("countersign.decisions.acme.dlq").matches()).isFalse();
        assertThat(pattern.matcher("countersign.decisionsX").matches()).isFalse();
        assertThat(pattern.matcher("countersign.proposals.acme").matches()).isFalse();
    }

    @Test
    void aTenantTopicCanBeNamed() {
        assertThat(TenantTopics.topicOf(BASE, "acme")).isEqualTo("countersign.decisions.acme");
        assertThatThrownBy(() -> TenantTopics.topicOf(BASE, "dlq")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantTopics.topicOf(BASE, "a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
