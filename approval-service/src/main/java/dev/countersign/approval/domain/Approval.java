package dev.countersign.approval.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.RequiredApproval;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An accepted proposal's approval as the API shows it: what is to be approved, how (mode, who is required),
 * where it stands, who decided and by when it must be decided.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Approval(String proposalId, String tenant, String assistant, String action, int actionVersion,
        String approvalMode, String state, Map<String, Object> parameters, RequiredApproval required,
        List<Decider> decidedBy, Instant expiresAt, Instant decidedAt, Instant createdAt, Instant updatedAt) {
}
