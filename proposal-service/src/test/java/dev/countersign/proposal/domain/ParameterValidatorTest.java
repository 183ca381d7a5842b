package dev.countersign.proposal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Parameter errors: one per bad field, dotted paths, stable codes and sentences an assistant can relay. */
class ParameterValidatorTest {
    static final String SCHEMA = """
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
         "properties": {
           "order_number": {"type": "string", "pattern": "^ORD-[0-9]+$", "description": "Order number, e.g. ORD-12345"},
           "quantity": {"type": "integer", "minimum": 1, "maximum": 10},
           "customer_email": {"type": "string", "format": "email", "pattern": "^x", "allOf": [{"pattern": "@"}]},
           "priority": {"enum": ["low", "high"]},
           "lines": {"type": "array", "items": {"type": "integer"}}
         },
         "required": ["order_number"], "additionalProperties": false}
        """;

    private final ParameterValidator validator = new ParameterValidator();

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    List<FieldError> validate(String parameters) {
        return validator.validate("acme/bot/check@1", json(SCHEMA), json(parameters));
    }

    @Test
    void validParametersHaveNoErrors() {
        assertThat(validate("{\"order_number\": \"ORD-1\", \"quantity\": 2, \"lines\": [1, 2]}")).isEmpty();
        // 2020-12: 2.0 is an integer.
        assertThat(validate("{\"order_number\": \"ORD-1\", \"quantity\": 2.0}")).isEmpty();
    }

    @Test
    void aMissingRequiredParameterIsReportedAtItsOwnPath() {
        assertThat(validate("{}")).containsExactly(
                new FieldError("parameters.order_number", "required", "Order number is required."));
    }

    @Test
    void everyBadFieldGetsExactlyOneRelayableError() {
        List<FieldError> errors = validate("""
            {"order_number": "12345", "quantity": "three", "customer_email": "nobody", "priority": "urgent",
             "lines": [1, "two"], "colour": "red"}
            """);
        assertThat(errors).extracting(FieldError::path).containsExactly("parameters.colour",
                "parameters.customer_email", "parameters.lines[1]", "parameters.order_number", "parameters.priority",
                "parameters.quantity");
        assertThat(errors).extracting(FieldError::code).containsExactly("unknown_parameter", "invalid_format",
                "wrong_type", "invalid_format", "invalid_value", "wrong_type");
        assertThat(errors).extracting(FieldError::message).containsExactly(
                "Colour is not a parameter of this action.",
                "Customer email is not in the expected format.",
                "Lines item 2 must be a whole number.",
                "Order number is not in the expected format (Order number, e.g. ORD-12345).",
                "Priority must be one of [\"low\", \"high\"].",
                "Quantity must be a whole number.");
    }

    @Test
    void rangesAreExplainedWithTheirBounds() {
        assertThat(validate("{\"order_number\": \"ORD-1\", \"quantity\": 11}")).containsExactly(
                new FieldError("parameters.quantity", "out_of_range", "Quantity must be at most 10."));
        assertThat(validate("{\"order_number\": \"ORD-1\", \"quantity\": 0}")).extracting(FieldError::message)
                .containsExactly("Quantity must be at least 1.");
    }

    @Test
    void aSchemaThatNeedsARemoteDocumentIsNeverFetchedAndRejectsWithOneError() {
        JsonNode remote = json("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {"a": {"$ref": "https://schemas.example.com/a.json"}}}
            """);
        assertThat(validator.validate("acme/bot/remote@1", remote, json("{\"a\": 1}")))
                .extracting(FieldError::path, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("parameters", "schema_unavailable"));
    }

    // JDK 17's java.util.regex memoizes the simplest case, ^(a+)+$, but still backtracks exponentially on a
    // nested or counted variant (minutes to hours for this input): those are what a tenant admin could write.
    // The timeout only turns a regression into a failure instead of a hung build; the assertions are the results.
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void catastrophicPatternsAreMatchedInLinearTime() {
        JsonNode schema = json("""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
             "properties": {
               "simple": {"type": "string", "pattern": "^(a+)+$"},
               "nested": {"type": "string", "pattern": "^((a+)+)+$"},
               "counted": {"type": "string", "pattern": "^(.*a){20}$"}
             },
             "patternProperties": {"^((x+)+)+$": {"type": "integer"}}}
            """);
        String evil = "a".repeat(38) + "!";
        String parameters = """
            {"simple": "%s", "nested": "%s", "counted": "%s", "%s": "not an integer"}
            """.formatted(evil, evil, evil, "x".repeat(38) + "!");
        assertThat(validator.validate("acme/bot/redos@1", schema, json(parameters)))
                .extracting(FieldError::path, FieldError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("parameters.counted", "invalid_format"),
                        org.assertj.core.groups.Tuple.tuple("parameters.nested", "invalid_format"),
                        org.assertj.core.groups.Tuple.tuple("parameters.simple", "invalid_format"));
        // and they still match what they should (unanchored search, as in ECMA-262)
        assertThat(validator.validate("acme/bot/redos@1", schema, json("""
            {"simple": "aaaa", "nested": "aaaa", "counted": "%s", "xxxx": 1}
            """.formatted("a".repeat(20))))).isEmpty();
    }

    @Test
    void patternsRe2CannotRunMakeTheSchemaUnavailableInsteadOfFailing() {
        for (String pattern : List.of("(a)\\\\1", "^(?=x)", "a++", "((a{1000}){1000}){1000}")) {
            JsonNode schema = json("""
                {"type": "object", "properties": {"p": {"type": "string", "pattern": "%s"}}}
                """.formatted(pattern));
            assertThat(validator.validate("acme/bot/unsupported-" + pattern.hashCode() + "@1", schema,
                    json("{\"p\": \"aa\"}")))
                    .as(pattern)
                    .extracting(FieldError::path, FieldError::code)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("parameters", "schema_unavailable"));
        }
    }

    @Test
    void labelsAreReadableForEveryNamingStyle() {
        assertThat(SchemaErrors.humanLabel(List.of("order_number"))).isEqualTo("Order number");
        assertThat(SchemaErrors.humanLabel(List.of("orderNumber"))).isEqualTo("Order number");
        assertThat(SchemaErrors.humanLabel(List.of("customer-email"))).isEqualTo("Customer email");
        assertThat(SchemaErrors.humanLabel(List.of("lines", 0))).isEqualTo("Lines item 1");
    }
}
