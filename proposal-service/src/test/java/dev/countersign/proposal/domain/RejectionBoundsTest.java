package dev.countersign.proposal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.events.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rejection lists a bounded number of bounded errors, so it always fits on Kafka. */
class RejectionBoundsTest {

    @Test
    void thousandsOfErrorsWithHugeNamesAreCutToABoundedList() {
        List<FieldError> many = new ArrayList<>();
        String huge = "x".repeat(100_000);
        for (int i = 0; i < 5000; i++) {
            many.add(new FieldError("parameters." + huge + i, "unknown_parameter", "Unknown parameter '" + huge + "'."));
        }
        List<FieldError> bounded = IntakeRules.bounded(many);
        assertThat(bounded).hasSize(IntakeRules.MAX_ERRORS + 1);
        assertThat(bounded).allSatisfy(e -> {
            assertThat(e.path().length()).isLessThanOrEqualTo(IntakeRules.MAX_TEXT);
            assertThat(e.message().length()).isLessThanOrEqualTo(IntakeRules.MAX_TEXT);
        });
        assertThat(bounded.get(IntakeRules.MAX_ERRORS).code()).isEqualTo("too_many_errors");
        assertThat(IntakeRules.sentences(many)).contains("(and 4990 more problems)");
    }

    @Test
    void aFewShortErrorsAreKeptAsTheyAre() {
        var errors = List.of(new FieldError("parameters.a", "required", "A is required."));
        assertThat(IntakeRules.bounded(errors)).isEqualTo(errors);
    }
}
