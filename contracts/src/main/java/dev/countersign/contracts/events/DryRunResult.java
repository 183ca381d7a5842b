package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A dry run's result as approvers see it: whether it went well and what it found (DESIGN §4b {@code dry_run}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DryRunResult(boolean ok, DryRunOutcome outcome) {
}
