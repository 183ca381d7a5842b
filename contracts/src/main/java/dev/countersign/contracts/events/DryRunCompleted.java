package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.dryrun.completed}; {@code parameters_digest} echoes the request's. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DryRunCompleted(String proposalId, String tenant, DryRunOutcome outcome, boolean ok,
        String parametersDigest) {
    /** A result without the request's digest. */
    public DryRunCompleted(String proposalId, String tenant, DryRunOutcome outcome, boolean ok) {
        this(proposalId, tenant, outcome, ok, null);
    }
}
