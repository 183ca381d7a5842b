package dev.countersign.contracts.events;

import java.time.Instant;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One approval or denial in {@code decided_by}: who, through which channel, when. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Decider(String actor, String channel, Instant at) {
}
