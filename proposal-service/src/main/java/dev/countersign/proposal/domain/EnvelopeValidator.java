package dev.countersign.proposal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Schemas;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.json.FieldPaths;
import dev.countersign.kit.schema.JsonSchemas;
import java.util.List;

/**
 * Checks a proposal's data against the schema published to clients ({@link Schemas#PROPOSAL_SUBMITTED}), so
 * the service accepts exactly what the contract promises; a mismatch is a {@code malformed} rejection.
 */
public final class EnvelopeValidator {
    private static final SchemaErrors.Style STYLE = new SchemaErrors.Style("",
            at -> "The field " + FieldPaths.of(at), "unknown_field", "is not allowed.");

    private final JsonSchema schema;

    /** Compiles the published schema (offline, RE2/J patterns). */
    public EnvelopeValidator() {
        try {
            JsonNode node = Json.mapper().readTree(Schemas.read(Schemas.PROPOSAL_SUBMITTED));
            this.schema = JsonSchemas.compile(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the published proposal schema is not JSON", e);
        }
    }

    /** Every problem of {@code data}; empty when it matches the published schema. */
    public List<FieldError> validate(JsonNode data) {
        return SchemaErrors.toFieldErrors(schema.validate(data), STYLE, at -> null);
    }
}
