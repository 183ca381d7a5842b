package dev.countersign.contracts.events;

import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.proposal.approved}: the final (possibly edited) parameters and who approved; carries the snapshot the executor needs. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalApproved(String proposalId, String tenant, String assistant, String action, int actionVersion, List<Decider> decidedBy, boolean auto, Map<String, Object> parameters, String conversationId, User user, String trigger) {
}
