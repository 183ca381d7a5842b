package dev.countersign.approval.domain;

import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.RequiredApproval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides what an accepted proposal's approval starts as, from its {@code approval_mode} and deadline. Pure:
 * no I/O, the clock is a parameter, so every rule is unit-tested directly.
 */
public final class ApprovalPolicy {
    /** The actor named in {@code decided_by} of an automatic approval. */
    public static final String AUTO_ACTOR = "countersign";
    /** The channel named in {@code decided_by} of an automatic approval. */
    public static final String AUTO_CHANNEL = "auto";
    /** Approval modes this service knows (DESIGN §4). */
    public static final Set<String> MODES = Set.of(ApprovalModes.AUTO, ApprovalModes.REQUIRE_APPROVAL,
            ApprovalModes.DRY_RUN_FIRST);

    // Until policies (approver, quorum, rules) are read from the pinned definition, every human approval
    // asks the end user for one confirmation.
    private static final RequiredApproval END_USER_ONCE = RequiredApproval.of(RequiredApproval.END_USER, 1, false, null);

    private ApprovalPolicy() {
    }

    /** What {@code proposal} leads to when it arrives at {@code now}; call {@link #problems} first. */
    public static Arrival arrive(ProposalAccepted proposal, Instant now) {
        // A deadline that has passed wins over every mode: an expired proposal is never approved.
        if (!proposal.expiresAt().isAfter(now)) {
            return new Arrival.ExpiredOnArrival(proposal);
        }
        return switch (proposal.approvalMode()) {
            case ApprovalModes.AUTO -> new Arrival.AutoApproved(proposal, new Decider(AUTO_ACTOR, AUTO_CHANNEL, now));
            case ApprovalModes.REQUIRE_APPROVAL -> new Arrival.AwaitingApproval(proposal, END_USER_ONCE, false);
            case ApprovalModes.DRY_RUN_FIRST -> new Arrival.AwaitingApproval(proposal, END_USER_ONCE, true);
            default -> throw new IllegalArgumentException("unknown approval_mode " + proposal.approvalMode());
        };
    }

    /**
     * What makes {@code proposal} unusable (a missing required field, an unknown mode), empty when it is
     * fine. Such an event can never be applied, however often it is retried.
     */
    public static List<String> problems(ProposalAccepted proposal) {
        List<String> problems = new ArrayList<>();
        requireText(problems, proposal.proposalId(), "proposal_id");
        requireText(problems, proposal.tenant(), "tenant");
        requireText(problems, proposal.assistant(), "assistant");
        requireText(problems, proposal.action(), "action");
        if (proposal.actionVersion() < 1) {
            problems.add("action_version must be at least 1");
        }
        if (proposal.parameters() == null) {
            problems.add("parameters is missing");
        }
        if (proposal.expiresAt() == null) {
            problems.add("expires_at is missing");
        }
        if (proposal.approvalMode() == null) {
            problems.add("approval_mode is missing");
        } else if (!MODES.contains(proposal.approvalMode())) {
            problems.add("approval_mode '" + proposal.approvalMode() + "' is unknown");
        }
        return problems;
    }

    private static void requireText(List<String> problems, String value, String field) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is missing");
        }
    }
}
