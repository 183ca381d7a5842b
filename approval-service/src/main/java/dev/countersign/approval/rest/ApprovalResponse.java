package dev.countersign.approval.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.approval.domain.ApprovalStatus;
import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.domain.DecisionRecord;
import dev.countersign.approval.domain.Viewer;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.DryRunResult;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.contracts.events.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A proposal's approval as the API shows it (DESIGN §4b): its {@code status}, the proposal, the
 * {@code proposed_parameters} and the effective {@code parameters}, the {@code dry_run} when there was one, who is
 * {@code required}, every decision, the deadline and the {@code digest} an approval must be bound to; plus who
 * decided once final and whether the caller may decide it now.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalResponse(String proposalId, String tenant,
        @Schema(enumeration = {"pending", "approved", "denied", "expired"}) String status,
        @Schema(enumeration = {"auto", "require_approval", "dry_run_first"}) String mode, String assistant,
        String action, int actionVersion, User user, String conversationId, String reason,
        Map<String, Object> proposedParameters, Map<String, Object> parameters, DryRunResult dryRun,
        boolean dryRunPending, RequiredApproval required, List<DecisionItem> decisions, List<Decider> decidedBy,
        Instant expiresAt, String digest, Instant decidedAt, Instant createdAt,
        @Schema(description = "Whether the caller may decide this approval now.") boolean mayDecide,
        @Schema(description = "How many times approvers edited the parameters; only decisions of the current "
                + "revision (and digest) count.") int revision) {

    /**
     * One decision as shown: who, approve or deny, on which digest of which revision, with which role, channel,
     * when, why, and who vouched for the decider (the admin who issued the one-time link for them).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DecisionItem(String actor, @Schema(enumeration = {"approve", "deny"}) String decision,
            String digest, String role, String channel, Instant at, String comment,
            @Schema(description = "The approval's revision the decision was made on.") int revision,
            @Schema(description = "Who vouched for the decider: the countersign-admin who issued the one-time link "
                    + "for them. Absent when the decider acted on their own credentials. The quorum counts this "
                    + "party, not the decider.") String issuedBy) {
        static DecisionItem of(DecisionRecord d) {
            return new DecisionItem(d.actor(), d.decision().wire(), d.digest(), d.role(), d.channel(), d.at(),
                    d.comment(), d.revision(), d.issuedBy());
        }
    }

    static ApprovalResponse of(ApprovalView v, Viewer viewer) {
        List<Decider> decidedBy = switch (v.status()) {
            case APPROVED -> v.countingApprovals().stream().map(DecisionRecord::toDecider).toList();
            case DENIED -> v.decisions().stream().filter(d -> d.decision() == Decision.DENY)
                    .map(DecisionRecord::toDecider).toList();
            default -> List.of();
        };
        return new ApprovalResponse(v.proposalId(), v.tenant(), v.status().wire(), v.mode(), v.assistant(),
                v.action(), v.actionVersion(), v.user(), v.conversationId(), v.reason(), v.proposedParameters(),
                v.parameters(), v.dryRun(), v.dryRunPending(), v.required(),
                v.decisions().stream().map(DecisionItem::of).toList(), decidedBy, v.expiresAt(), v.digest(),
                v.decidedAt(), v.createdAt(), v.status() == ApprovalStatus.PENDING && v.mayDecide(viewer),
                v.revision());
    }
}
