package dev.countersign.approval.domain;

import dev.countersign.contracts.events.DryRunResult;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.contracts.events.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A proposal's approval as every channel shows it (DESIGN §4b): its status, the proposal, the proposed and the
 * effective parameters, the dry run when there was one, who is required, every decision so far, the deadline and
 * the digest approvals are bound to. {@code dryRunPending} is true while a dry run for the current parameters is
 * outstanding (nobody can approve until it completes). Pure data plus the rules that read it.
 */
public record ApprovalView(String proposalId, String tenant, ApprovalStatus status, String mode, String assistant,
        String action, int actionVersion, User user, String conversationId, String reason, String trigger,
        String submittedBy, Map<String, Object> proposedParameters, Map<String, Object> parameters,
        DryRunResult dryRun, boolean dryRunPending, RequiredApproval required, List<DecisionRecord> decisions,
        Instant expiresAt, String digest, Instant decidedAt, Instant createdAt) {

    public ApprovalView {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    /** The proposal's end user id, or null. */
    public String endUserId() {
        return user == null ? null : user.id();
    }

    /** Whether {@code viewer} is eligible by the policy (right role or end user, not barred as the proposer). */
    public boolean eligible(Viewer viewer) {
        return viewer.tenant().equals(tenant) && Eligibility.eligible(required, viewer, endUserId(), submittedBy);
    }

    /** Whether {@code viewer} already decided on the current digest. */
    public boolean decidedBy(Viewer viewer) {
        return decisions.stream().anyMatch(d -> d.actor().equals(viewer.subject()) && d.digest().equals(digest));
    }

    /**
     * Whether {@code viewer} may decide this approval now: it is pending and before its deadline, no dry run is
     * outstanding, the viewer is eligible and has not decided on the current digest yet.
     */
    public boolean mayDecide(Viewer viewer, Instant now) {
        return status == ApprovalStatus.PENDING && now.isBefore(expiresAt) && !dryRunPending && eligible(viewer)
                && !decidedBy(viewer);
    }

    /** {@link #mayDecide(Viewer, Instant)} now. */
    public boolean mayDecide(Viewer viewer) {
        return mayDecide(viewer, Instant.now());
    }

    /**
     * Whether {@code viewer} may read this approval: its own tenant, and an admin, auditor or approver-group
     * member, someone the policy names (even when barred from deciding as the proposer), or someone who decided.
     */
    public boolean visibleTo(Viewer viewer) {
        if (!viewer.tenant().equals(tenant)) {
            return false;
        }
        return viewer.readsWholeTenant() || Eligibility.named(required, viewer, endUserId())
                || decisions.stream().anyMatch(d -> d.actor().equals(viewer.subject()));
    }

    /** The approvals that count: distinct actors approving the current digest, in the order they came. */
    public List<DecisionRecord> countingApprovals() {
        return decisions.stream()
                .filter(d -> d.decision() == Decision.APPROVE && d.digest().equals(digest))
                .toList();
    }

    /** Whether an approver replaced the proposed parameters. */
    public boolean edited() {
        return !Digests.sameJson(proposedParameters, parameters);
    }

    /** This approval in {@code status}, final at {@code decidedAt}; no dry run is outstanding any more. */
    public ApprovalView withStatus(ApprovalStatus status, Instant decidedAt) {
        return new ApprovalView(proposalId, tenant, status, mode, assistant, action, actionVersion, user,
                conversationId, reason, trigger, submittedBy, proposedParameters, parameters, dryRun,
                status == ApprovalStatus.PENDING && dryRunPending, required, decisions, expiresAt, digest, decidedAt,
                createdAt);
    }

    /** This approval with {@code decision} recorded. */
    public ApprovalView withDecision(DecisionRecord decision) {
        List<DecisionRecord> all = new java.util.ArrayList<>(decisions);
        all.add(decision);
        return new ApprovalView(proposalId, tenant, status, mode, assistant, action, actionVersion, user,
                conversationId, reason, trigger, submittedBy, proposedParameters, parameters, dryRun, dryRunPending,
                required, all, expiresAt, digest, decidedAt, createdAt);
    }

    /** This approval bound to new effective parameters, dry-run result and digest. */
    public ApprovalView withParameters(Map<String, Object> parameters, DryRunResult dryRun, boolean dryRunPending,
            String digest) {
        return new ApprovalView(proposalId, tenant, status, mode, assistant, action, actionVersion, user,
                conversationId, reason, trigger, submittedBy, proposedParameters, parameters, dryRun, dryRunPending,
                required, decisions, expiresAt, digest, decidedAt, createdAt);
    }
}
