package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.execution.attempted}: one delivery attempt. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExecutionAttempted(String proposalId, String tenant, int attempt, Integer httpStatus, long durationMs, String error) {
}
