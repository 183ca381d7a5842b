package dev.countersign.proposal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.events.FieldError;
import org.junit.jupiter.api.Test;

/** The proposal data is checked against the schema published in contracts. */
class EnvelopeValidatorTest {
    private final EnvelopeValidator validator = new EnvelopeValidator();

    @Test
    void aCompleteProposalMatches() {
        assertThat(validator.validate(ParameterValidatorTest.json("""
            {"tenant": "acme", "assistant": "bot", "action": "check", "parameters": {"a": 1},
             "conversation_id": "c1", "user": {"id": "u1", "email": "u@example.com"}, "trigger": "ai_intent",
             "reason": "asked", "expires_in_minutes": 43200}
            """))).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithItsFieldPath() {
        var errors = validator.validate(ParameterValidatorTest.json("""
            {"tenant": "acme", "action": "not a name!", "user": {"email": 5}, "expires_in_minutes": 50000}
            """));
        assertThat(errors).extracting(FieldError::path).containsExactly("action", "assistant", "expires_in_minutes",
                "parameters", "user.email");
        assertThat(errors).extracting(FieldError::code).containsExactly("invalid_format", "required", "out_of_range",
                "required", "wrong_type");
        assertThat(errors.get(2).message()).isEqualTo("The field expires_in_minutes must be at most 43200.");
        assertThat(errors.get(3).message()).isEqualTo("The field parameters is required.");
    }

    @Test
    void parametersMustBeAnObject() {
        assertThat(validator.validate(ParameterValidatorTest.json("""
            {"tenant": "acme", "assistant": "bot", "action": "check", "parameters": [1]}
            """))).extracting(FieldError::path, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("parameters", "wrong_type"));
    }
}
