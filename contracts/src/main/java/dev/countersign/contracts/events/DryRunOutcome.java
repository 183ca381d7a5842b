package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** What a dry run found: the request it would send, or a message from a dry-run endpoint. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DryRunOutcome(WouldSend wouldSend, String message) {
}
