package dev.countersign.contracts;

import java.util.Set;

/** CloudEvent {@code type} values of DESIGN §2. */
public final class EventTypes {
    public static final String ACTION_PUBLISHED = "dev.countersign.action.published";
    public static final String ACTION_RETIRED = "dev.countersign.action.retired";
    public static final String PROPOSAL_SUBMITTED = "dev.countersign.proposal.submitted";
    public static final String PROPOSAL_ACCEPTED = "dev.countersign.proposal.accepted";
    public static final String PROPOSAL_REJECTED = "dev.countersign.proposal.rejected";
    public static final String APPROVAL_REQUESTED = "dev.countersign.approval.requested";
    public static final String DRYRUN_REQUESTED = "dev.countersign.dryrun.requested";
    public static final String PROPOSAL_APPROVED = "dev.countersign.proposal.approved";
    public static final String PROPOSAL_DENIED = "dev.countersign.proposal.denied";
    public static final String PROPOSAL_EXPIRED = "dev.countersign.proposal.expired";
    public static final String DECISION_SUBMITTED = "dev.countersign.decision.submitted";
    public static final String DRYRUN_COMPLETED = "dev.countersign.dryrun.completed";
    public static final String EXECUTION_ATTEMPTED = "dev.countersign.execution.attempted";
    public static final String EXECUTION_SUCCEEDED = "dev.countersign.execution.succeeded";
    public static final String EXECUTION_FAILED = "dev.countersign.execution.failed";
    public static final String DECISION_REFUSED = "dev.countersign.decision.refused";
    public static final String EXECUTION_PENDING = "dev.countersign.execution.pending";
    public static final String ENDPOINT_DISABLED = "dev.countersign.endpoint.disabled";
    public static final String ENDPOINT_ENABLED = "dev.countersign.endpoint.enabled";

    /** Every type, for consumers (the audit log) that accept all of them. */
    public static final Set<String> ALL = Set.of(ACTION_PUBLISHED, ACTION_RETIRED, PROPOSAL_SUBMITTED,
            PROPOSAL_ACCEPTED, PROPOSAL_REJECTED, APPROVAL_REQUESTED, DRYRUN_REQUESTED, PROPOSAL_APPROVED,
            PROPOSAL_DENIED, PROPOSAL_EXPIRED, DECISION_SUBMITTED, DRYRUN_COMPLETED, EXECUTION_ATTEMPTED,
            EXECUTION_SUCCEEDED, EXECUTION_FAILED, DECISION_REFUSED, EXECUTION_PENDING, ENDPOINT_DISABLED,
            ENDPOINT_ENABLED);

    private EventTypes() {
    }
}
