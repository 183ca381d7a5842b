package dev.countersign.contracts.events;

import java.time.Instant;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.proposal.expired}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProposalExpired(String proposalId, String tenant, Instant expiredAt) {
}
