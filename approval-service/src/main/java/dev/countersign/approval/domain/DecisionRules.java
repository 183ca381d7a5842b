package dev.countersign.approval.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.kit.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one decision changes an approval (DESIGN §4b), the same for every channel. In order: the approval must be
 * the actor's tenant's (404 {@code not_found}) and still pending (409 {@code expired} or {@code already_decided});
 * past its deadline it expires now (409 {@code expired}); the actor (and whoever vouched for it) must be eligible
 * (403 {@code not_eligible}); a given digest must be the current one (409 {@code stale_digest}); nobody approves
 * while a dry run is outstanding (409 {@code dry_run_pending}). Any eligible denial denies, an approver's own earlier
 * approval notwithstanding.
 *
 * <p>Approve-with-edits validates the new parameters (422 {@code invalid_parameters}), re-resolves the policy over
 * them (an edit may route the proposal to another role or quorum: then the editor must be eligible under that, or
 * is refused and nothing changes), starts a new revision bound to a new digest (earlier approvals no longer count,
 * even after editing back to earlier parameters) and, in {@code dry_run_first}, asks for a new dry run first.
 *
 * <p>The quorum is that many distinct accountable parties approving the current revision and digest: an approver
 * on their own credentials, or the admin who vouched for one ({@link DecisionRecord#party()}). Pure.
 */
public final class DecisionRules {
    public static final String NOT_ELIGIBLE = "not_eligible";
    public static final String ALREADY_DECIDED = "already_decided";
    public static final String EXPIRED = "expired";
    public static final String STALE_DIGEST = "stale_digest";
    public static final String DRY_RUN_PENDING = "dry_run_pending";

    private DecisionRules() {
    }

    /**
     * The transition {@code command} causes on {@code view} (null: no such approval) at {@code now};
     * {@code accepted} is the proposal as accepted (its pinned parameter schema checks edits, its approval block
     * re-resolves the policy for them; null: edits are refused).
     *
     * @throws DomainException when the decision is refused and nothing changes
     */
    public static Transition decide(ApprovalView view, DecisionCommand command, ProposalAccepted accepted,
            Instant now) {
        if (view == null || !view.tenant().equals(command.tenant()) || !command.actor().tenant().equals(view.tenant())) {
            throw DomainException.notFound("approval not found");
        }
        if (view.status() == ApprovalStatus.EXPIRED) {
            throw expired();
        }
        if (view.status().isFinal()) {
            throw DomainException.conflict(ALREADY_DECIDED, "This proposal was already " + view.status().wire() + ".");
        }
        if (!now.isBefore(view.expiresAt())) {
            // The sweep has not got to it yet: it expires now, and the decision is refused as too late.
            ApprovalView expiredView = view.withStatus(ApprovalStatus.EXPIRED, view.expiresAt());
            return new Transition(expiredView, null, List.of(ApprovalEvents.expired(expiredView, view.expiresAt())),
                    expired());
        }
        Viewer actor = command.actor();
        String issuedBy = command.issuedBy();
        if (!view.eligible(actor, issuedBy)) {
            throw DomainException.forbidden(NOT_ELIGIBLE, whyNotEligible(view, actor, issuedBy));
        }
        if (command.digest() != null && !command.digest().equals(view.digest())) {
            throw DomainException.conflict(STALE_DIGEST, "The approval has changed since you saw it (digest "
                    + command.digest() + " is not the current " + view.digest() + "); look again and decide anew.");
        }
        boolean approvedBefore = view.currentDecisions().stream()
                .anyMatch(d -> d.actor().equals(actor.subject()) && d.decision() == Decision.APPROVE);
        String role = Eligibility.roleOf(view.required());
        if (command.decision() == Decision.DENY) {
            // Any eligible denial denies, also of someone who approved this revision before (a separate record:
            // the approval stays in the history).
            DecisionRecord denial = record(actor, Decision.DENY, view.digest(), view.revision(), role, command,
                    now);
            ApprovalView denied = view.withDecision(denial).withStatus(ApprovalStatus.DENIED, now);
            return new Transition(denied, denial, List.of(ApprovalEvents.denied(denied, denial)), null);
        }
        if (view.dryRunPending()) {
            throw DomainException.conflict(DRY_RUN_PENDING, "A dry run of the current parameters is still running; "
                    + "approve once its outcome is shown.");
        }
        Map<String, Object> edit = command.parameters();
        if (edit != null && !Digests.sameJson(edit, view.parameters())) {
            return approveWithEdits(view, command, edit, accepted, now);
        }
        if (approvedBefore) {
            return Transition.unchanged(view);  // the same person twice counts once
        }
        DecisionRecord approval = record(actor, Decision.APPROVE, view.digest(), view.revision(), role, command,
                now);
        return counted(view.withDecision(approval), approval, List.of(), List.of(), now);
    }

    private static Transition approveWithEdits(ApprovalView view, DecisionCommand command, Map<String, Object> edit,
            ProposalAccepted accepted, Instant now) {
        JsonNode schema = accepted == null ? null : accepted.parametersSchema();
        EditCheck.validate(schema, edit);
        // The rules decide who approves what: the edited parameters are re-checked against them, so an edit cannot
        // carry a proposal past the role (or quorum) its new parameters require.
        ResolvedPolicy policy = ApprovalPolicy.resolve(accepted, edit);
        RequiredApproval required = view.required();
        if (!sameRequirement(policy.required(), required)) {
            required = policy.required();
            ApprovalView rerouted = view.withRequired(required);
            if (!rerouted.eligible(command.actor(), command.issuedBy())) {
                String rule = required.rule() == null || required.rule().isEmpty() ? ""
                        : " (rule: " + required.rule() + ")";
                throw DomainException.forbidden(NOT_ELIGIBLE, "This edit routes the proposal to "
                        + Eligibility.describe(required) + rule + ", and you may not approve it there; nothing was "
                        + "changed. Approve or deny it as proposed, or leave this edit to "
                        + Eligibility.describe(required) + ".");
            }
        }
        String role = Eligibility.roleOf(required);
        int revision = view.revision() + 1;
        String parametersDigest = Digests.parameters(view.action(), view.actionVersion(), edit);
        if (ApprovalModes.DRY_RUN_FIRST.equals(view.mode())) {
            // What the new parameters would do is not known yet: the editor (like everyone) approves once the new
            // dry run's outcome is shown; the edit is recorded against the parameters it proposed.
            ApprovalView edited = view.withEdit(edit, true, parametersDigest, required);
            DecisionRecord editing = record(command.actor(), Decision.APPROVE, parametersDigest, revision, role,
                    command, now);
            ApprovalView after = edited.withDecision(editing);
            return new Transition(after, editing, List.of(ApprovalEvents.dryRunRequested(after, parametersDigest)),
                    null, policy.ruleProblems());
        }
        String digest = Digests.of(view.action(), view.actionVersion(), edit, null);
        ApprovalView edited = view.withEdit(edit, false, digest, required);
        DecisionRecord approval = record(command.actor(), Decision.APPROVE, digest, revision, role, command, now);
        ApprovalView after = edited.withDecision(approval);
        // Approvers of the old digest are asked again: announce what is pending now.
        return counted(after, approval, List.of(ApprovalEvents.requested(after)), policy.ruleProblems(), now);
    }

    /** An approval recorded; approved when the current revision has its quorum of distinct parties. */
    private static Transition counted(ApprovalView after, DecisionRecord approval, List<Emitted> otherwise,
            List<String> warnings, Instant now) {
        List<DecisionRecord> counting = after.countingApprovals();
        int quorum = after.required() == null ? 1 : Math.max(1, after.required().quorum());
        if (counting.size() >= quorum) {
            ApprovalView approved = after.withStatus(ApprovalStatus.APPROVED, now);
            List<Decider> decidedBy = new ArrayList<>();
            counting.forEach(d -> decidedBy.add(d.toDecider()));
            return new Transition(approved, approval, List.of(ApprovalEvents.approved(approved, decidedBy, false)),
                    null, warnings);
        }
        return new Transition(after, approval, otherwise, null, warnings);
    }

    private static DecisionRecord record(Viewer actor, Decision decision, String digest,
            int revision, String role, DecisionCommand command, Instant now) {
        return new DecisionRecord(actor.subject(), decision, digest, revision, role, command.channel(), now,
                command.comment(), command.issuedBy());
    }

    // The same approver, quorum and rule (forbid_self_approval is the block's and never changes).
    private static boolean sameRequirement(RequiredApproval a, RequiredApproval b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.approver(), b.approver()) && a.quorum() == b.quorum()
                && Objects.equals(emptyToNull(a.rule()), emptyToNull(b.rule()));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The approval expires because its deadline passed (the sweep). */
    public static Transition expire(ApprovalView view) {
        ApprovalView expiredView = view.withStatus(ApprovalStatus.EXPIRED, view.expiresAt());
        return new Transition(expiredView, null, List.of(ApprovalEvents.expired(expiredView, view.expiresAt())),
                null);
    }

    static DomainException expired() {
        return DomainException.conflict(EXPIRED, "This proposal expired before it was decided.");
    }

    private static String whyNotEligible(ApprovalView view, Viewer actor, String issuedBy) {
        RequiredApproval required = view.required();
        String endUser = view.endUserId();
        String submitter = view.submittedBy();
        if (issuedBy != null && Eligibility.issuerBarred(required, issuedBy, endUser, submitter)) {
            return issuedBy + " issued this link, and as the proposal's user or submitter may not vouch for an "
                    + "approver of it.";
        }
        if (Eligibility.named(required, actor, endUser)) {
            if (Eligibility.submitterAsEndUser(required, actor.subject(), submitter)) {
                return "The proposal's submitter may not approve it as its end user.";
            }
            return "forbid_self_approval: the proposing user or submitter may not decide their own proposal.";
        }
        if (required != null && Boolean.TRUE.equals(required.endUser())) {
            return "Only the proposal's own end user may decide it.";
        }
        return "Only members of " + (required == null ? "the required role" : "role " + required.role())
                + " may decide this proposal.";
    }
}
