package dev.countersign.contracts.events;

import java.util.List;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Data of {@code dev.countersign.proposal.rejected}; {@code message} is a sentence an assistant can relay.
 * {@code submittedBy} is who submitted it as authenticated by Countersign (as in {@link ProposalAccepted}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalRejected(String proposalId, String tenant, String assistant, String action,
        String conversationId, String code, String message, List<FieldError> errors, Long retryAfterSeconds,
        String submittedBy) {
}
