package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Who submits a decision: an end user or an approver with an optional role. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Actor(String id, String role) {
}
