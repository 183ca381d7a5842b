package dev.countersign.executor.persistence;

import dev.countersign.executor.domain.ExecutionState;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link ExecutionState} as the lower-case value the schema's CHECK constraint and the API use. */
@Converter
public class ExecutionStateConverter implements AttributeConverter<ExecutionState, String> {

    @Override
    public String convertToDatabaseColumn(ExecutionState state) {
        return state == null ? null : state.value();
    }

    @Override
    public ExecutionState convertToEntityAttribute(String value) {
        return value == null ? null : ExecutionState.of(value);
    }
}
