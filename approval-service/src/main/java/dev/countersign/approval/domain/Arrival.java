package dev.countersign.approval.domain;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.ApprovalRequested;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.ProposalExpired;
import dev.countersign.contracts.events.RequiredApproval;
import java.time.Instant;
import java.util.List;

/**
 * What the arrival of an accepted proposal leads to: the state its approval row starts in and the one event
 * published on {@code countersign.approvals}. A closed set, so every outcome names its state and its event.
 */
public sealed interface Arrival permits Arrival.AutoApproved, Arrival.AwaitingApproval, Arrival.ExpiredOnArrival {

    /** The proposal as accepted. */
    ProposalAccepted proposal();

    /** The state the approval row is created in. */
    ApprovalState state();

    /** Who decided so far (only the automatic approval decides on arrival). */
    List<Decider> decidedBy();

    /** Who still has to approve; null when nobody does. */
    RequiredApproval required();

    /** When the state became final; null while awaiting. */
    Instant decidedAt();

    /** CloudEvent type of the event this arrival publishes. */
    String eventType();

    /** Data of that event. */
    Object eventData();

    /** {@code approval.mode = auto}: Countersign itself approves, with the parameters as proposed. */
    record AutoApproved(ProposalAccepted proposal, Decider decider) implements Arrival {
        @Override
        public ApprovalState state() {
            return ApprovalState.APPROVED;
        }

        @Override
        public List<Decider> decidedBy() {
            return List.of(decider);
        }

        @Override
        public RequiredApproval required() {
            return null;
        }

        @Override
        public Instant decidedAt() {
            return decider.at();
        }

        @Override
        public String eventType() {
            return EventTypes.PROPOSAL_APPROVED;
        }

        @Override
        public ProposalApproved eventData() {
            ProposalAccepted p = proposal;
            return new ProposalApproved(p.proposalId(), p.tenant(), p.assistant(), p.action(), p.actionVersion(),
                    decidedBy(), true, p.parameters(), p.conversationId(), p.user(), p.trigger());
        }
    }

    /** {@code require_approval} or {@code dry_run_first}: the proposal waits for a human decision. */
    record AwaitingApproval(ProposalAccepted proposal, RequiredApproval required, boolean dryRun) implements Arrival {
        @Override
        public ApprovalState state() {
            return ApprovalState.AWAITING;
        }

        @Override
        public List<Decider> decidedBy() {
            return List.of();
        }

        @Override
        public Instant decidedAt() {
            return null;
        }

        @Override
        public String eventType() {
            return EventTypes.APPROVAL_REQUESTED;
        }

        @Override
        public ApprovalRequested eventData() {
            ProposalAccepted p = proposal;
            return new ApprovalRequested(p.proposalId(), p.tenant(), required, p.expiresAt(), null, null,
                    p.assistant(), p.action(), p.actionVersion(), p.parameters(), p.user(), p.conversationId(),
                    p.reason());
        }
    }

    /** The proposal's {@code expires_at} had passed before it reached us: it expires, it is never approved. */
    record ExpiredOnArrival(ProposalAccepted proposal) implements Arrival {
        @Override
        public ApprovalState state() {
            return ApprovalState.EXPIRED;
        }

        @Override
        public List<Decider> decidedBy() {
            return List.of();
        }

        @Override
        public RequiredApproval required() {
            return null;
        }

        /** It expired at its deadline, not when we noticed. */
        @Override
        public Instant decidedAt() {
            return proposal.expiresAt();
        }

        @Override
        public String eventType() {
            return EventTypes.PROPOSAL_EXPIRED;
        }

        @Override
        public ProposalExpired eventData() {
            return new ProposalExpired(proposal.proposalId(), proposal.tenant(), proposal.expiresAt());
        }
    }
}
