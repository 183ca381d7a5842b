package dev.countersign.audit.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Result of re-hashing the chain: ok, rows examined, and the first broken seq when not ok. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VerifyReport(boolean ok, Long firstBrokenSeq, long checked) {
}
