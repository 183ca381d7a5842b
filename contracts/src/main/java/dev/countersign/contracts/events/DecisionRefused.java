package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Data of {@code dev.countersign.decision.refused}: a Kafka decision that did not count, with the problem code a
 * REST caller would have got ({@code not_eligible, already_decided, expired, stale_digest, not_found, ...}).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DecisionRefused(String proposalId, String tenant, Actor actor, String code, String message,
        String decisionId) {
}
