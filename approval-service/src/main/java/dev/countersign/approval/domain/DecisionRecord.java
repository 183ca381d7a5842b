package dev.countersign.approval.domain;

import dev.countersign.contracts.events.Decider;
import java.time.Instant;

/**
 * One recorded decision: who, approve or deny, on which digest (what they saw), with which role when a role made
 * them eligible, through which channel, when, and their comment or reason.
 */
public record DecisionRecord(String actor, Decision decision, String digest, String role, String channel,
        Instant at, String comment) {

    /** As {@code decided_by} shows it. */
    public Decider toDecider() {
        return new Decider(actor, role, channel, at, comment);
    }
}
