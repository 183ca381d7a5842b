package dev.countersign.approval.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.kit.domain.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How one decision changes an approval (DESIGN §4b), the same for every channel. In order: the approval must be
 * the actor's tenant's (404 {@code not_found}) and still pending (409 {@code expired} or {@code already_decided});
 * past its deadline it expires now (409 {@code expired}); the actor must be eligible (403 {@code not_eligible});
 * a given digest must be the current one (409 {@code stale_digest}); nobody approves while a dry run is
 * outstanding (409 {@code dry_run_pending}). Any eligible denial denies. An approval counts for the current
 * digest; approve-with-edits validates the new parameters (422 {@code invalid_parameters}), binds the approval to
 * a new digest (earlier approvals no longer count) and, in {@code dry_run_first}, asks for a new dry run first.
 * The quorum is that many distinct actors approving the current digest. Pure.
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
     * {@code schema} is the pinned parameter schema edits are checked against.
     *
     * @throws DomainException when the decision is refused and nothing changes
     */
    public static Transition decide(ApprovalView view, DecisionCommand command, JsonNode schema, Instant now) {
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
        if (!view.eligible(actor)) {
            throw DomainException.forbidden(NOT_ELIGIBLE, whyNotEligible(view, actor));
        }
        if (command.digest() != null && !command.digest().equals(view.digest())) {
            throw DomainException.conflict(STALE_DIGEST, "The approval has changed since you saw it (digest "
                    + command.digest() + " is not the current " + view.digest() + "); look again and decide anew.");
        }
        DecisionRecord earlier = view.decisions().stream()
                .filter(d -> d.actor().equals(actor.subject()) && d.digest().equals(view.digest()))
                .findFirst().orElse(null);
        String role = Eligibility.roleOf(view.required());
        if (command.decision() == Decision.DENY) {
            if (earlier != null && earlier.decision() == Decision.DENY) {
                return Transition.unchanged(view);
            }
            DecisionRecord denial = new DecisionRecord(actor.subject(), Decision.DENY, view.digest(), role,
                    command.channel(), now, command.comment());
            if (earlier != null) {
                // The unique (actor, digest) record already holds this person's approval of this digest.
                throw DomainException.conflict(ALREADY_DECIDED, "You already approved exactly this; your approval "
                        + "stands until the parameters change.");
            }
            ApprovalView denied = view.withDecision(denial).withStatus(ApprovalStatus.DENIED, now);
            return new Transition(denied, denial, List.of(ApprovalEvents.denied(denied, denial)), null);
        }
        if (view.dryRunPending()) {
            throw DomainException.conflict(DRY_RUN_PENDING, "A dry run of the current parameters is still running; "
                    + "approve once its outcome is shown.");
        }
        Map<String, Object> edit = command.parameters();
        if (edit != null && !Digests.sameJson(edit, view.parameters())) {
            return approveWithEdits(view, command, edit, schema, role, now);
        }
        if (earlier != null) {
            if (earlier.decision() == Decision.APPROVE) {
                return Transition.unchanged(view);  // the same person twice counts once
            }
            throw DomainException.conflict(ALREADY_DECIDED, "You already denied this.");
        }
        DecisionRecord approval = new DecisionRecord(actor.subject(), Decision.APPROVE, view.digest(), role,
                command.channel(), now, command.comment());
        return counted(view.withDecision(approval), approval, List.of(), now);
    }

    private static Transition approveWithEdits(ApprovalView view, DecisionCommand command, Map<String, Object> edit,
            JsonNode schema, String role, Instant now) {
        EditCheck.validate(schema, edit);
        String parametersDigest = Digests.parameters(view.action(), view.actionVersion(), edit);
        if (ApprovalModes.DRY_RUN_FIRST.equals(view.mode())) {
            // What the new parameters would do is not known yet: the editor (like everyone) approves once the new
            // dry run's outcome is shown; the edit is recorded against the parameters it proposed.
            ApprovalView edited = view.withParameters(edit, null, true, parametersDigest);
            DecisionRecord editing = new DecisionRecord(command.actor().subject(), Decision.APPROVE, parametersDigest,
                    role, command.channel(), now, command.comment());
            ApprovalView after = edited.withDecision(editing);
            return new Transition(after, editing, List.of(ApprovalEvents.dryRunRequested(after, parametersDigest)),
                    null);
        }
        String digest = Digests.of(view.action(), view.actionVersion(), edit, null);
        ApprovalView edited = view.withParameters(edit, null, false, digest);
        DecisionRecord approval = new DecisionRecord(command.actor().subject(), Decision.APPROVE, digest, role,
                command.channel(), now, command.comment());
        ApprovalView after = edited.withDecision(approval);
        // Approvers of the old digest are asked again: announce what is pending now.
        return counted(after, approval, List.of(ApprovalEvents.requested(after)), now);
    }

    /** An approval recorded; approved when the current digest has its quorum of distinct approvers. */
    private static Transition counted(ApprovalView after, DecisionRecord approval, List<Emitted> otherwise,
            Instant now) {
        List<DecisionRecord> counting = after.countingApprovals();
        int quorum = after.required() == null ? 1 : Math.max(1, after.required().quorum());
        if (counting.stream().map(DecisionRecord::actor).distinct().count() >= quorum) {
            ApprovalView approved = after.withStatus(ApprovalStatus.APPROVED, now);
            List<dev.countersign.contracts.events.Decider> decidedBy = new ArrayList<>();
            counting.forEach(d -> decidedBy.add(d.toDecider()));
            return new Transition(approved, approval, List.of(ApprovalEvents.approved(approved, decidedBy, false)),
                    null);
        }
        return new Transition(after, approval, otherwise, null);
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

    private static String whyNotEligible(ApprovalView view, Viewer actor) {
        var required = view.required();
        if (Eligibility.named(required, actor, view.endUserId())) {
            return "forbid_self_approval: the proposing user or submitter may not decide their own proposal.";
        }
        if (required != null && Boolean.TRUE.equals(required.endUser())) {
            return "Only the proposal's own end user may decide it.";
        }
        return "Only members of " + (required == null ? "the required role" : "role " + required.role())
                + " may decide this proposal.";
    }
}
