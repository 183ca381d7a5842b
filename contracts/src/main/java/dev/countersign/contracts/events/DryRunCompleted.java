package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.dryrun.completed}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DryRunCompleted(String proposalId, String tenant, DryRunOutcome outcome, boolean ok) {
}
