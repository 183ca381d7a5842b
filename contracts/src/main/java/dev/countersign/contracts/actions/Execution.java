package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** How an approved proposal is executed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Execution(String kind, String url, Integer timeoutMs, RetryPolicy retry, String dryRun) {
}
