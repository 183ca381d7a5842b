package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * Data of {@code dev.countersign.proposal.approved}: who approved, the effective (possibly edited)
 * {@code parameters}, the {@code proposed_parameters} when they differ, the approval {@code receipt} the executor
 * passes on in the webhook's {@code context.approval}, and the snapshot the executor needs.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalApproved(String proposalId, String tenant, String assistant, String action, int actionVersion,
        List<Decider> decidedBy, boolean auto, Map<String, Object> parameters, String conversationId, User user,
        String trigger, Map<String, Object> proposedParameters, ApprovalReceipt approval) {
    /** An approval without edits or receipt (kept for callers that build one by hand). */
    public ProposalApproved(String proposalId, String tenant, String assistant, String action, int actionVersion,
            List<Decider> decidedBy, boolean auto, Map<String, Object> parameters, String conversationId, User user,
            String trigger) {
        this(proposalId, tenant, assistant, action, actionVersion, decidedBy, auto, parameters, conversationId, user,
                trigger, null, null);
    }
}
