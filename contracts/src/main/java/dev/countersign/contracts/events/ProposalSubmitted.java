package dev.countersign.contracts.events;

import java.util.Map;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.proposal.submitted}; the proposal id is the CloudEvent id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalSubmitted(String tenant, String assistant, String action, Map<String, Object> parameters, String conversationId, User user, String trigger, String reason, Integer expiresInMinutes) {
}
