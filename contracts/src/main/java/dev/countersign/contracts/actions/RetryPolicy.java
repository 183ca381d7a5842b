package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Retry policy of an execution: attempts and exponential backoff bounds. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetryPolicy(Integer maxAttempts, Long initialBackoffMs, Long maxBackoffMs) {
    /**
     * The most attempts a definition may ask for: the registry refuses more on save, the executor never makes
     * more. One constant, so the two can never disagree.
     */
    public static final int MAX_ATTEMPTS = 10;
}
