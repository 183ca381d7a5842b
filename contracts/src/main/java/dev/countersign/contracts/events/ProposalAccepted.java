package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.actions.Approval;
import java.time.Instant;
import java.util.Map;

/**
 * Data of {@code dev.countersign.proposal.accepted}: the proposal snapshot with its pinned action version.
 * {@code submittedBy} is who submitted it as authenticated by Countersign (the token's subject on HTTP, or
 * {@code topic:<name>} for a Kafka record), never the self-declared {@code user}; {@code approval} is the pinned
 * version's approval block, so a proposal's approval policy is the one of the version it was accepted under
 * and {@code parameters_schema} is its compiled JSON Schema, against which approvers' edits are validated.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalAccepted(String proposalId, String tenant, String assistant, String action,
        Map<String, Object> parameters, String conversationId, User user, String trigger, String reason,
        int actionVersion, String approvalMode, Instant expiresAt, Instant submittedAt, String submittedBy,
        Approval approval, JsonNode parametersSchema) {
    /** An accepted proposal without the pinned version's parameter schema. */
    public ProposalAccepted(String proposalId, String tenant, String assistant, String action,
            Map<String, Object> parameters, String conversationId, User user, String trigger, String reason,
            int actionVersion, String approvalMode, Instant expiresAt, Instant submittedAt, String submittedBy,
            Approval approval) {
        this(proposalId, tenant, assistant, action, parameters, conversationId, user, trigger, reason, actionVersion,
                approvalMode, expiresAt, submittedAt, submittedBy, approval, null);
    }
}
