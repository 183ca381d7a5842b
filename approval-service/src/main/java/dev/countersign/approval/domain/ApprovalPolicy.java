package dev.countersign.approval.domain;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.actions.Approval;
import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.contracts.actions.ApprovalRule;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalExpired;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.contracts.events.User;
import dev.countersign.kit.policy.CelRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The approval policy of an accepted proposal (DESIGN §4) and what its arrival leads to. The pinned version's
 * {@code approval} block (falling back to {@code approval_mode}) gives the mode and the default approver
 * ({@code end_user}), quorum (1) and {@code forbid_self_approval} (false); its {@code rules} are CEL expressions
 * over {@code parameters}, {@code user} and {@code context}, evaluated in order, the first match choosing approver
 * and quorum. A rule that matches on an {@code auto} action requires approval; a rule that cannot be evaluated
 * counts as matching (fail closed). Pure: no I/O, the clock is a parameter.
 */
public final class ApprovalPolicy {
    /** The actor named in {@code decided_by} of an automatic approval. */
    public static final String AUTO_ACTOR = "countersign";
    /** Approval modes this service knows (DESIGN §4). */
    public static final Set<String> MODES = Set.of(ApprovalModes.AUTO, ApprovalModes.REQUIRE_APPROVAL,
            ApprovalModes.DRY_RUN_FIRST);

    private ApprovalPolicy() {
    }

    /** What an arrival leads to: the approval as created and the events it publishes. */
    public record Arrival(ApprovalView view, List<Emitted> events, ResolvedPolicy policy) {
    }

    /** The mode the proposal asks for: the approval block's, else {@code approval_mode}. */
    public static String requestedMode(ProposalAccepted proposal) {
        Approval block = proposal.approval();
        return block != null && block.mode() != null ? block.mode() : proposal.approvalMode();
    }

    /** The policy that applies to {@code proposal} (call {@link #problems} first). */
    public static ResolvedPolicy resolve(ProposalAccepted proposal) {
        return resolve(proposal, proposal.parameters());
    }

    /**
     * The policy that applies to {@code proposal} with {@code parameters} in place of its own: what an approver's
     * edit routes the proposal to (the same rules over the new parameters, the same user and context).
     */
    public static ResolvedPolicy resolve(ProposalAccepted proposal, Map<String, Object> parameters) {
        Approval block = proposal.approval();
        String mode = requestedMode(proposal);
        String approver = block != null && block.approver() != null ? block.approver() : RequiredApproval.END_USER;
        int quorum = block != null && block.quorum() != null ? Math.max(1, block.quorum()) : 1;
        boolean forbidSelf = block != null && Boolean.TRUE.equals(block.forbidSelfApproval());
        List<String> problems = new ArrayList<>();
        List<ApprovalRule> rules = block == null || block.rules() == null ? List.of() : block.rules();
        for (int i = 0; i < rules.size(); i++) {
            ApprovalRule rule = rules.get(i);
            if (rule == null) {
                continue;
            }
            boolean matched;
            if (rule.when() == null || rule.when().isBlank()) {
                // Fail closed: a rule without a condition cannot be shown not to apply.
                problems.add("rule " + i + " has no when expression and counts as matching");
                matched = true;
            } else {
                try {
                    matched = CelRules.holds(rule.when(), parameters, userOf(proposal.user()), contextOf(proposal));
                } catch (RuntimeException unevaluable) {
                    // Fail closed: a rule we cannot evaluate (whatever the reason) might have matched, so it applies.
                    problems.add("rule " + i + " (" + rule.when() + ") could not be evaluated and counts as matching: "
                            + unevaluable);
                    matched = true;
                }
            }
            if (matched) {
                String ruleApprover = rule.approver() != null ? rule.approver() : approver;
                int ruleQuorum = rule.quorum() != null ? Math.max(1, rule.quorum()) : quorum;
                // A rule that matches on an auto action means "this one needs a human".
                String effective = ApprovalModes.AUTO.equals(mode) ? ApprovalModes.REQUIRE_APPROVAL : mode;
                return new ResolvedPolicy(effective, RequiredApproval.of(ruleApprover, ruleQuorum, forbidSelf,
                        rule.when() == null ? "" : rule.when()), problems);
            }
        }
        return new ResolvedPolicy(mode, RequiredApproval.of(approver, quorum, forbidSelf, null), problems);
    }

    /** What {@code proposal} leads to when it arrives at {@code now}; call {@link #problems} first. */
    public static Arrival arrive(ProposalAccepted proposal, Instant now) {
        ResolvedPolicy policy = resolve(proposal);
        Map<String, Object> parameters = proposal.parameters();
        String digest = Digests.of(proposal.action(), proposal.actionVersion(), parameters, null);
        boolean dryRunFirst = ApprovalModes.DRY_RUN_FIRST.equals(policy.mode());
        ApprovalView pending = new ApprovalView(proposal.proposalId(), proposal.tenant(), ApprovalStatus.PENDING,
                policy.mode(), proposal.assistant(), proposal.action(), proposal.actionVersion(), proposal.user(),
                proposal.conversationId(), proposal.reason(), proposal.trigger(), proposal.submittedBy(), parameters,
                parameters, null, dryRunFirst, policy.required(), List.of(), proposal.expiresAt(), digest, null, now,
                0);
        // A deadline that has passed wins over every mode: an expired proposal is never approved.
        if (!proposal.expiresAt().isAfter(now)) {
            ApprovalView expired = pending.withStatus(ApprovalStatus.EXPIRED, proposal.expiresAt());
            return new Arrival(expired, List.of(new Emitted(EventTypes.PROPOSAL_EXPIRED,
                    new ProposalExpired(proposal.proposalId(), proposal.tenant(), proposal.expiresAt()))), policy);
        }
        return switch (policy.mode()) {
            case ApprovalModes.AUTO -> {
                DecisionRecord policyDecision = new DecisionRecord(AUTO_ACTOR, Decision.APPROVE, digest, 0, null,
                        Channels.AUTO, now, "approval.mode auto: no rule required a human", null);
                ApprovalView approved = new ApprovalView(pending.proposalId(), pending.tenant(),
                        ApprovalStatus.APPROVED, pending.mode(), pending.assistant(), pending.action(),
                        pending.actionVersion(), pending.user(), pending.conversationId(), pending.reason(),
                        pending.trigger(), pending.submittedBy(), parameters, parameters, null, false, null,
                        List.of(policyDecision), pending.expiresAt(), digest, now, now, 0);
                yield new Arrival(approved, List.of(ApprovalEvents.approved(approved,
                        List.of(policyDecision.toDecider()), true)), policy);
            }
            case ApprovalModes.REQUIRE_APPROVAL -> new Arrival(pending,
                    List.of(ApprovalEvents.requested(pending)), policy);
            case ApprovalModes.DRY_RUN_FIRST -> new Arrival(pending,
                    List.of(ApprovalEvents.dryRunRequested(pending, digest)), policy);
            default -> throw new IllegalArgumentException("unknown approval mode " + policy.mode());
        };
    }

    /**
     * What makes {@code proposal} unusable (a missing required field, an unknown mode), empty when it is fine.
     * Such an event can never be applied, however often it is retried.
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
        String mode = requestedMode(proposal);
        if (mode == null) {
            problems.add("approval_mode is missing");
        } else if (!MODES.contains(mode)) {
            problems.add("approval_mode '" + mode + "' is unknown");
        }
        return problems;
    }

    /** The CEL {@code user} of a proposal: {@code id, email, name} (absent ones left out). */
    static Map<String, Object> userOf(User user) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (user != null) {
            putIfPresent(out, "id", user.id());
            putIfPresent(out, "email", user.email());
            putIfPresent(out, "name", user.name());
        }
        return out;
    }

    /** The CEL {@code context} of a proposal (absent fields left out, so {@code has()} tells them apart). */
    static Map<String, Object> contextOf(ProposalAccepted p) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "tenant", p.tenant());
        putIfPresent(out, "assistant", p.assistant());
        putIfPresent(out, "action", p.action());
        out.put("action_version", p.actionVersion());
        putIfPresent(out, "conversation_id", p.conversationId());
        putIfPresent(out, "trigger", p.trigger());
        putIfPresent(out, "reason", p.reason());
        putIfPresent(out, "submitted_by", p.submittedBy());
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void requireText(List<String> problems, String value, String field) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is missing");
        }
    }
}
