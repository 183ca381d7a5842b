package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One decision in {@code decided_by}: who (the authenticated subject, or the end user named on a chat decision),
 * with which role when a role made them eligible, through which channel ({@code auto, rest, inbox, link, chat}),
 * when, and the comment they gave.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Decider(String actor, String role, String channel, Instant at, String comment) {
    /** A decision without a role or comment (the policy's own automatic approval). */
    public Decider(String actor, String channel, Instant at) {
        this(actor, null, channel, at, null);
    }
}
