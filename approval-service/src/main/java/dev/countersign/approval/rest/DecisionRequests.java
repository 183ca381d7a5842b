package dev.countersign.approval.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.kit.rest.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and answer bodies of the decision endpoints. */
public final class DecisionRequests {

    private DecisionRequests() {
    }

    /** {@code POST /v1/approvals/{id}/approve}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Approve(
            @Schema(description = "Why, shown in decided_by.") String comment,
            @Schema(description = "A full replacement of the effective parameters (approve with edits): validated "
                    + "against the pinned schema, makes a new digest, and earlier approvals no longer count.")
            Map<String, Object> parameters,
            @Schema(description = "The digest the approver saw; when given it must be the current one "
                    + "(409 stale_digest).") String digest) {
    }

    /** {@code POST /v1/approvals/{id}/deny}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Deny(@Schema(description = "Why; proposal.denied carries it.") String reason,
            @Schema(description = "The digest the denier saw; when given it must be the current one.") String digest) {
    }

    /** {@code POST /v1/approvals/decisions}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Bulk(List<BulkItem> items) {
    }

    /** One decision of a bulk request. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BulkItem(String proposalId, @Schema(enumeration = {"approve", "deny"}) String decision,
            String comment, String digest) {
    }

    /** The answer to a bulk request: one result per item, in order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BulkAnswer(List<BulkResult> results) {
    }

    /**
     * One item's result: the approval's {@code status} after the decision, or {@code refused} with the
     * {@code problem} (the same problem details the single endpoint would answer).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BulkResult(String proposalId,
            @Schema(enumeration = {"pending", "approved", "denied", "expired", "refused"}) String status,
            Problem problem) {
    }
}
