package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One problem with one field; {@code path} is a JSON Pointer or dotted path. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FieldError(String path, String code, String message) {
}
