package dev.countersign.kit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelRulesTest {
    @Test
    void comparesJsonNumbersOfEveryKindWithIntLiterals() {
        String rule = "parameters.amount > 1000";
        assertThat(CelRules.holds(rule, Map.of("amount", 1500), null, null)).isTrue();
        assertThat(CelRules.holds(rule, Map.of("amount", 999), null, null)).isFalse();
        assertThat(CelRules.holds(rule, Map.of("amount", new BigDecimal("1000.01")), null, null)).isTrue();
        assertThat(CelRules.holds(rule, Map.of("amount", new BigDecimal("1000.00")), null, null)).isFalse();
        assertThat(CelRules.holds(rule, Map.of("amount", new BigInteger("12345678901234567890")), null, null)).isTrue();
        assertThat(CelRules.holds(rule, Map.of("amount", 5_000_000_000L), null, null)).isTrue();
    }

    @Test
    void readsUserContextListsAndStrings() {
        assertThat(CelRules.holds("user.id == 'u1' && context.assistant == 'bot'", Map.of(), Map.of("id", "u1"),
                Map.of("assistant", "bot"))).isTrue();
        assertThat(CelRules.holds("'vip' in parameters.tags", Map.of("tags", List.of("a", "vip")), null, null))
                .isTrue();
        assertThat(CelRules.holds("has(parameters.amount) && parameters.amount > 1", Map.of(), null, null)).isFalse();
    }

    @Test
    void aMissingKeyIsAnEvaluationErrorNotFalse() {
        assertThatThrownBy(() -> CelRules.holds("parameters.amount > 1000", Map.of(), null, null))
                .isInstanceOf(CelRules.RuleException.class);
    }

    @Test
    void compileProblemsAreReported() {
        assertThat(CelRules.problem("parameters.amount >")).isPresent();
        assertThat(CelRules.problem("parameters.amount + 1")).isPresent();
        assertThat(CelRules.problem(" ")).isPresent();
        assertThat(CelRules.problem("parameters.amount > 1000")).isEmpty();
        assertThatThrownBy(() -> CelRules.holds("nope(", Map.of(), null, null))
                .isInstanceOf(CelRules.RuleException.class);
        assertThatThrownBy(() -> CelRules.holds(null, Map.of(), null, null))
                .isInstanceOf(CelRules.RuleException.class);
        assertThatThrownBy(() -> CelRules.holds("  ", Map.of(), null, null))
                .isInstanceOf(CelRules.RuleException.class);
    }
}
