package dev.countersign.contracts.events;

import java.time.Instant;
import java.util.Map;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.proposal.accepted}: the proposal snapshot with its pinned action version. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalAccepted(String proposalId, String tenant, String assistant, String action, Map<String, Object> parameters, String conversationId, User user, String trigger, String reason, int actionVersion, String approvalMode, Instant expiresAt, Instant submittedAt) {
}
