package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The end user on whose behalf an assistant proposes an action. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record User(String id, String email, String name) {
}
