package dev.countersign.proposal.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.proposal.persistence.Proposal;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /v1/proposals/{id}} answers: whether intake accepted or rejected the proposal, with the
 * rejection's code, message and errors or the pinned action version, approval mode and expiry.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalStatus(String proposalId, String tenant, String assistant, String action,
        String conversationId, String status, String code, String message, List<FieldError> errors,
        Integer actionVersion, String approvalMode, Instant expiresAt, Instant submittedAt) {

    /** The status of a stored proposal. */
    static ProposalStatus of(Proposal p) {
        return new ProposalStatus(p.proposalId, p.tenant, p.assistant, p.action, p.conversationId, p.status, p.code,
                p.rejected == null ? null : p.rejected.message(), p.rejected == null ? null : p.rejected.errors(),
                p.actionVersion, p.approvalMode, p.expiresAt, p.submittedAt);
    }
}
