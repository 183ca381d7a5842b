package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Data of {@code dev.countersign.decision.submitted}: an approve or deny from the chat. {@code digest}, when given,
 * must be the approval's current one (the user confirmed exactly what is now pending).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DecisionSubmitted(String proposalId, String tenant, String decision, Actor actor, String comment,
        String digest) {
    /** A decision without a digest. */
    public DecisionSubmitted(String proposalId, String tenant, String decision, Actor actor, String comment) {
        this(proposalId, tenant, decision, actor, comment, null);
    }
}
