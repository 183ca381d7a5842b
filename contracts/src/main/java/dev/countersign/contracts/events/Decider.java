package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One decision in {@code decided_by}: who (the authenticated subject, or the end user named on a chat decision),
 * with which role when a role made them eligible, through which channel ({@code auto, rest, inbox, link, chat}),
 * when, and the comment they gave. {@code issued_by} (optional) names who vouched for the decider: the
 * countersign-admin who issued the one-time link the decision was made with, for someone else; absent when the
 * decider acted on their own credentials (or asked for their own link).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Decider(String actor, String role, String channel, Instant at, String comment, String issuedBy) {

    /** A decision nobody vouched for. */
    public Decider(String actor, String role, String channel, Instant at, String comment) {
        this(actor, role, channel, at, comment, null);
    }

    /** A decision without a role or comment (the policy's own automatic approval). */
    public Decider(String actor, String channel, Instant at) {
        this(actor, null, channel, at, null, null);
    }
}
