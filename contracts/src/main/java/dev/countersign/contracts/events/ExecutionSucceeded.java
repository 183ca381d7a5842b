package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.execution.succeeded}; {@code message} is relayed verbatim from the receiver. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExecutionSucceeded(String proposalId, String tenant, int attempts, Integer httpStatus, String message, Object data) {
}
