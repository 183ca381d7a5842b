package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.decision.submitted}: an approve or deny from the chat. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DecisionSubmitted(String proposalId, String tenant, String decision, Actor actor, String comment) {
}
