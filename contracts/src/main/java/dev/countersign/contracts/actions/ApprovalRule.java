package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A CEL {@code when} rule that changes who must approve. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalRule(String when, String approver, Integer quorum) {
}
