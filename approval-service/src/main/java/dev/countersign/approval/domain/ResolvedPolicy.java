package dev.countersign.approval.domain;

import dev.countersign.contracts.events.RequiredApproval;
import java.util.List;

/**
 * The approval policy that applies to one proposal: the effective {@code mode} (a matching rule turns
 * {@code auto} into {@code require_approval}), who is {@code required} (approver, quorum, forbid_self_approval and
 * the matched rule), and why rules could not be evaluated (each counted as matching: fail closed).
 */
public record ResolvedPolicy(String mode, RequiredApproval required, List<String> ruleProblems) {

    public ResolvedPolicy {
        ruleProblems = ruleProblems == null ? List.of() : List.copyOf(ruleProblems);
    }
}
