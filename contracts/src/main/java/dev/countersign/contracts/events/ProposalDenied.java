package dev.countersign.contracts.events;

import java.util.List;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.proposal.denied}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalDenied(String proposalId, String tenant, List<Decider> decidedBy, String reason) {
}
