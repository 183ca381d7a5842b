package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Who must approve: a role or the end user, and how many distinct approvals. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RequiredApproval(String role, Boolean endUser, int quorum) {
}
