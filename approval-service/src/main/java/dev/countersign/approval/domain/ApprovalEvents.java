package dev.countersign.approval.domain;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.ApprovalReceipt;
import dev.countersign.contracts.events.ApprovalRequested;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.ProposalDenied;
import dev.countersign.contracts.events.ProposalExpired;
import dev.countersign.contracts.events.RequiredApproval;
import java.time.Instant;
import java.util.List;

/** The events of {@code countersign.approvals}, built from an approval as it stands after a transition. Pure. */
public final class ApprovalEvents {

    private ApprovalEvents() {
    }

    /** {@code approval.requested}: who must decide, by when, on what (with the dry run when there was one). */
    public static Emitted requested(ApprovalView v) {
        return new Emitted(EventTypes.APPROVAL_REQUESTED, new ApprovalRequested(v.proposalId(), v.tenant(),
                v.required(), v.expiresAt(), v.dryRun(), v.digest(), v.assistant(), v.action(), v.actionVersion(),
                v.parameters(), v.user(), v.conversationId(), v.reason()));
    }

    /** {@code dryrun.requested} for the current parameters, named by their {@code parametersDigest}. */
    public static Emitted dryRunRequested(ApprovalView v, String parametersDigest) {
        return new Emitted(EventTypes.DRYRUN_REQUESTED, new DryRunRequested(v.proposalId(), v.tenant(),
                v.assistant(), v.action(), v.actionVersion(), v.parameters(), v.conversationId(), v.user(),
                v.trigger(), parametersDigest));
    }

    /**
     * {@code proposal.approved}: the effective parameters, the proposed ones when an approver edited them, who
     * approved and the receipt.
     */
    public static Emitted approved(ApprovalView v, List<Decider> decidedBy, boolean auto) {
        boolean edited = v.edited();
        return new Emitted(EventTypes.PROPOSAL_APPROVED, new ProposalApproved(v.proposalId(), v.tenant(),
                v.assistant(), v.action(), v.actionVersion(), decidedBy, auto, v.parameters(), v.conversationId(),
                v.user(), v.trigger(), edited ? v.proposedParameters() : null, receipt(v, decidedBy)));
    }

    /**
     * The approval receipt (DESIGN §5): mode, the digest approved, who approved, the policy that applied
     * (approver, quorum, forbid_self_approval, matched rule), the proposed parameters when edited, the dry run.
     */
    public static ApprovalReceipt receipt(ApprovalView v, List<Decider> decidedBy) {
        RequiredApproval r = v.required();
        return new ApprovalReceipt(v.mode(), v.digest(), decidedBy, r == null ? null : r.approver(),
                r == null ? null : r.quorum(), r == null ? null : r.forbidSelfApproval(), r == null ? null : r.rule(),
                v.edited() ? v.proposedParameters() : null, v.dryRun());
    }

    /** {@code proposal.denied} by {@code denial}, its comment the reason. */
    public static Emitted denied(ApprovalView v, DecisionRecord denial) {
        return new Emitted(EventTypes.PROPOSAL_DENIED, new ProposalDenied(v.proposalId(), v.tenant(),
                List.of(denial.toDecider()), denial.comment()));
    }

    /** {@code proposal.expired} at {@code expiredAt} (the deadline). */
    public static Emitted expired(ApprovalView v, Instant expiredAt) {
        return new Emitted(EventTypes.PROPOSAL_EXPIRED, new ProposalExpired(v.proposalId(), v.tenant(), expiredAt));
    }
}
