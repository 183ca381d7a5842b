package dev.countersign.contracts.events;

import java.time.Instant;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.approval.requested}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalRequested(String proposalId, String tenant, RequiredApproval required, Instant expiresAt, Boolean dryRun) {
}
