package dev.countersign.approval.domain;

import dev.countersign.contracts.events.Decider;
import java.time.Instant;

/**
 * One recorded decision: who, approve or deny, on which digest (what they saw) of which revision of the approval
 * (each edit starts a new one), with which role when a role made them eligible, through which channel, when,
 * their comment or reason, and who vouched for them ({@code issuedBy}: the admin who issued the one-time link for
 * someone else; null when the actor acted on their own credentials).
 */
public record DecisionRecord(String actor, Decision decision, String digest, int revision, String role,
        String channel, Instant at, String comment, String issuedBy) {

    /**
     * The party accountable for this decision: whoever vouched for the actor, else the actor. The quorum counts
     * distinct parties, so links one admin issued for several people count once.
     */
    public String party() {
        return issuedBy != null ? issuedBy : actor;
    }

    /** Whether this decision was made on {@code digest} of {@code revision}. */
    public boolean on(int revision, String digest) {
        return this.revision == revision && this.digest.equals(digest);
    }

    /** As {@code decided_by} shows it. */
    public Decider toDecider() {
        return new Decider(actor, role, channel, at, comment, issuedBy);
    }
}
