package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** How an approved proposal is executed; {@code auth} names a stored credential for outbound calls. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Execution(String kind, String url, Integer timeoutMs, RetryPolicy retry, String dryRun,
        OutboundAuth auth) {

    /** An execution without outbound credentials. */
    public Execution(String kind, String url, Integer timeoutMs, RetryPolicy retry, String dryRun) {
        this(kind, url, timeoutMs, retry, dryRun, null);
    }
}
