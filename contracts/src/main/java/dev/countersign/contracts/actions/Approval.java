package dev.countersign.contracts.actions;

import java.util.List;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** How a proposal of this action is approved. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Approval(String mode, String approver, Integer quorum, Boolean forbidSelfApproval, Integer expiresInMinutes, List<ApprovalRule> rules) {
}
