package dev.countersign.registry.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.actions.ActionDefinition;
import java.util.List;

/** A page of the latest versions; {@code next_offset} is present when there may be more. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionPage(List<ActionDefinition> items, Integer nextOffset) {
}
