package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Retry policy of an execution: attempts and exponential backoff bounds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetryPolicy(Integer maxAttempts, Long initialBackoffMs, Long maxBackoffMs) {
}
