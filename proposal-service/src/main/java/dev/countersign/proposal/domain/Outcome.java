package dev.countersign.proposal.domain;

import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalRejected;

/**
 * What became of a submission: accepted or rejected, with the event data that was (or, for a redelivery,
 * had earlier been) published. {@code replayed} is true when nothing new was emitted.
 */
public sealed interface Outcome permits Outcome.Accepted, Outcome.Rejected {

    /** The proposal id. */
    String proposalId();

    /** True when this is the stored result of an earlier submission and no event was published now. */
    boolean replayed();

    /** The proposal was accepted; {@code event} is the data of {@code proposal.accepted}. */
    record Accepted(ProposalAccepted event, boolean replayed) implements Outcome {
        @Override
        public String proposalId() {
            return event.proposalId();
        }
    }

    /** The proposal was rejected; {@code event} is the data of {@code proposal.rejected}. */
    record Rejected(ProposalRejected event, boolean replayed) implements Outcome {
        @Override
        public String proposalId() {
            return event.proposalId();
        }
    }
}
