package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.action.retired}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionRetired(String tenant, String assistant, String action, int version) {
}
