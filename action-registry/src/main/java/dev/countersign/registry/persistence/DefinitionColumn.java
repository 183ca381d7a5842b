package dev.countersign.registry.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Binds {@code action_versions.definition} (a {@code TEXT} column holding the definition as JSON) to the typed
 * {@link ActionDefinition} with the contracts' mapper. The one deliberate exception to the kit's jsonb binding
 * ({@code JsonbText}): a stored version is kept byte for byte as it was published, and {@code jsonb} would reorder
 * object members (the order of a tool's parameters in {@code parameters_schema} is what the assistant sees).
 */
@Converter
public class DefinitionColumn implements AttributeConverter<ActionDefinition, String> {

    @Override
    public String convertToDatabaseColumn(ActionDefinition definition) {
        try {
            return definition == null ? null : Json.mapper().writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the definition cannot be written as JSON", e);
        }
    }

    @Override
    public ActionDefinition convertToEntityAttribute(String json) {
        try {
            return json == null ? null : Json.mapper().readValue(json, ActionDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored definition is unreadable", e);
        }
    }
}
