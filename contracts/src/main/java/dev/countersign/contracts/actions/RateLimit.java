package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** At most {@code limit} proposals per {@code scope} in an ISO-8601 {@code window}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RateLimit(String scope, Integer limit, String window) {
}
