package dev.countersign.registry.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Binds {@code action_versions.definition} (a {@code TEXT} column holding the definition as JSON) to the typed
 * {@link ActionDefinition} with the contracts' mapper. Not {@code @JdbcTypeCode(SqlTypes.JSON)} on purpose:
 * Hibernate Reactive passes JSON columns through Vert.x {@code JsonObject}, which reads decimals as
 * {@code double} (a 20-digit decimal in a {@code parameters_schema} would come back rounded) and, with
 * {@code jsonb}, the database would also reorder object members (the order of a tool's parameters). A text
 * column bound by the contracts' mapper keeps a stored version exactly as it was published.
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
