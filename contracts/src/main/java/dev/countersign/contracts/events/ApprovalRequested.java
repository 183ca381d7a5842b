package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;

/**
 * Data of {@code dev.countersign.approval.requested}: who must decide, by when, on what. {@code digest} is what
 * approvals are bound to (DESIGN §5); {@code dry_run} is the dry run's result when the mode asked for one. The
 * proposal's {@code assistant, action, parameters, user, conversation_id, reason} are repeated so a chat or
 * notification can ask the right person without another call.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalRequested(String proposalId, String tenant, RequiredApproval required, Instant expiresAt,
        DryRunResult dryRun, String digest, String assistant, String action, Integer actionVersion,
        Map<String, Object> parameters, User user, String conversationId, String reason) {
}
