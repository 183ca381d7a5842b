package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The approval receipt (DESIGN §5): how exactly this call was approved. {@code digest} is the SHA-256 (lower-case
 * hex) of the RFC 8785 canonical JSON of {@code {"action", "action_version", "parameters"}} (the effective
 * parameters), plus {@code "dry_run"} ({@code {ok, outcome}}) when the mode ran one first. The policy that applied
 * is {@code approver}, {@code quorum}, {@code forbid_self_approval} and the matched {@code rule};
 * {@code proposed_parameters} is present when an approver edited them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalReceipt(String mode, String digest, List<Decider> decidedBy, String approver, Integer quorum,
        Boolean forbidSelfApproval, String rule, Map<String, Object> proposedParameters, DryRunResult dryRun) {
}
