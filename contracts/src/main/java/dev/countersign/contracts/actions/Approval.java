package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * How a proposal of this action is approved. {@code expires_in_minutes} is the default deadline and
 * {@code max_expires_in_minutes} the most a proposal may ask for (both at most 43200).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Approval(String mode, String approver, Integer quorum, Boolean forbidSelfApproval,
        Integer expiresInMinutes, List<ApprovalRule> rules, Integer maxExpiresInMinutes) {

    /** An approval block without a maximum expiry of its own. */
    public Approval(String mode, String approver, Integer quorum, Boolean forbidSelfApproval, Integer expiresInMinutes,
            List<ApprovalRule> rules) {
        this(mode, approver, quorum, forbidSelfApproval, expiresInMinutes, rules, null);
    }
}
