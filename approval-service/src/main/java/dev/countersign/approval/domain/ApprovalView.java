package dev.countersign.approval.domain;

import dev.countersign.contracts.events.DryRunResult;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.contracts.events.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A proposal's approval as every channel shows it (DESIGN §4b): its status, the proposal, the proposed and the
 * effective parameters, the dry run when there was one, who is required, every decision so far, the deadline and
 * the digest approvals are bound to. {@code dryRunPending} is true while a dry run for the current parameters is
 * outstanding (nobody can approve until it completes). {@code revision} counts the edits: each starts a new
 * revision, and only decisions of the current revision (and digest) count, so editing back to earlier parameters
 * never revives approvals given before. Pure data plus the rules that read it.
 */
public record ApprovalView(String proposalId, String tenant, ApprovalStatus status, String mode, String assistant,
        String action, int actionVersion, User user, String conversationId, String reason, String trigger,
        String submittedBy, Map<String, Object> proposedParameters, Map<String, Object> parameters,
        DryRunResult dryRun, boolean dryRunPending, RequiredApproval required, List<DecisionRecord> decisions,
        Instant expiresAt, String digest, Instant decidedAt, Instant createdAt, int revision) {

    public ApprovalView {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    /** The proposal's end user id, or null. */
    public String endUserId() {
        return user == null ? null : user.id();
    }

    /** Whether {@code viewer} is eligible by the policy on its own credentials. */
    public boolean eligible(Viewer viewer) {
        return eligible(viewer, null);
    }

    /**
     * Whether {@code viewer}, vouched for by {@code issuedBy} (null: nobody), is eligible by the policy: right role
     * or end user, neither of them barred as the proposer ({@link Eligibility}).
     */
    public boolean eligible(Viewer viewer, String issuedBy) {
        return viewer.tenant().equals(tenant)
                && Eligibility.eligible(required, viewer, endUserId(), submittedBy, issuedBy);
    }

    /** The decisions on what is current: this revision and this digest. */
    public List<DecisionRecord> currentDecisions() {
        return decisions.stream().filter(d -> d.on(revision, digest)).toList();
    }

    /** Whether {@code viewer} already decided on the current revision and digest. */
    public boolean decidedBy(Viewer viewer) {
        return currentDecisions().stream().anyMatch(d -> d.actor().equals(viewer.subject()));
    }

    /**
     * Whether {@code viewer} may decide this approval now: it is pending and before its deadline, no dry run is
     * outstanding, the viewer is eligible and has not decided on the current revision yet.
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
     * Whether {@code viewer} may read this approval, by the rule lists follow: its own tenant, and an admin or
     * auditor (the whole tenant), someone the policy names (even when barred from deciding as the proposer), or
     * someone who decided it.
     */
    public boolean visibleTo(Viewer viewer) {
        if (!viewer.tenant().equals(tenant)) {
            return false;
        }
        return viewer.readsWholeTenant() || Eligibility.named(required, viewer, endUserId())
                || decisions.stream().anyMatch(d -> d.actor().equals(viewer.subject()));
    }

    /**
     * The approvals that count, in the order they came: approvals of the current revision and digest, one per
     * accountable party ({@link DecisionRecord#party()}: the same person twice, or several links one admin vouched
     * for, count once).
     */
    public List<DecisionRecord> countingApprovals() {
        Set<String> parties = new HashSet<>();
        List<DecisionRecord> counting = new ArrayList<>();
        for (DecisionRecord d : currentDecisions()) {
            if (d.decision() == Decision.APPROVE && parties.add(d.party())) {
                counting.add(d);
            }
        }
        return counting;
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
                createdAt, revision);
    }

    /** This approval with {@code decision} recorded. */
    public ApprovalView withDecision(DecisionRecord decision) {
        List<DecisionRecord> all = new ArrayList<>(decisions);
        all.add(decision);
        return new ApprovalView(proposalId, tenant, status, mode, assistant, action, actionVersion, user,
                conversationId, reason, trigger, submittedBy, proposedParameters, parameters, dryRun, dryRunPending,
                required, all, expiresAt, digest, decidedAt, createdAt, revision);
    }

    /** This approval bound to new effective parameters, dry-run result and digest (same revision). */
    public ApprovalView withParameters(Map<String, Object> parameters, DryRunResult dryRun, boolean dryRunPending,
            String digest) {
        return new ApprovalView(proposalId, tenant, status, mode, assistant, action, actionVersion, user,
                conversationId, reason, trigger, submittedBy, proposedParameters, parameters, dryRun, dryRunPending,
                required, decisions, expiresAt, digest, decidedAt, createdAt, revision);
    }

    /**
     * This approval edited: a new revision with new effective parameters, dry-run state and digest, and who is
     * {@code required} for them (the policy re-resolved over the new parameters).
     */
    public ApprovalView withEdit(Map<String, Object> parameters, boolean dryRunPending, String digest,
            RequiredApproval required) {
        return new ApprovalView(proposalId, tenant, status, mode, assistant, action, actionVersion, user,
                conversationId, reason, trigger, submittedBy, proposedParameters, parameters, null, dryRunPending,
                required, decisions, expiresAt, digest, decidedAt, createdAt, revision + 1);
    }

    /** This approval requiring {@code required} instead. */
    public ApprovalView withRequired(RequiredApproval required) {
        return new ApprovalView(proposalId, tenant, status, mode, assistant, action, actionVersion, user,
                conversationId, reason, trigger, submittedBy, proposedParameters, parameters, dryRun, dryRunPending,
                required, decisions, expiresAt, digest, decidedAt, createdAt, revision);
    }
}
