package dev.countersign.approval.domain;

import java.util.Map;
import java.util.Objects;

/**
 * One person's decision on one proposal, whatever the channel. {@code parameters} (approve only) is a full
 * replacement of the effective parameters, or null for none; {@code digest}, when given, must be the approval's
 * current one; {@code comment} is the approver's comment or the denial's reason. {@code issuedBy} names who vouched
 * for the actor (a countersign-admin who issued a one-time link for someone else), null otherwise: that issuer is
 * held to {@code forbid_self_approval} too and is the party the quorum counts.
 */
public record DecisionCommand(String tenant, String proposalId, Viewer actor, Decision decision, String channel,
        String comment, Map<String, Object> parameters, String digest, String issuedBy) {

    public DecisionCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(channel, "channel");
        // Vouching for oneself is acting on one's own credentials.
        if (issuedBy != null && (issuedBy.isBlank() || issuedBy.equals(actor.subject()))) {
            issuedBy = null;
        }
    }

    /** A decision on the actor's own credentials (nobody vouches). */
    public DecisionCommand(String tenant, String proposalId, Viewer actor, Decision decision, String channel,
            String comment, Map<String, Object> parameters, String digest) {
        this(tenant, proposalId, actor, decision, channel, comment, parameters, digest, null);
    }

    /** A plain approval (no edits). */
    public static DecisionCommand approve(Viewer actor, String proposalId, String channel, String comment,
            String digest) {
        return new DecisionCommand(actor.tenant(), proposalId, actor, Decision.APPROVE, channel, comment, null, digest);
    }

    /** A denial with its reason. */
    public static DecisionCommand deny(Viewer actor, String proposalId, String channel, String reason, String digest) {
        return new DecisionCommand(actor.tenant(), proposalId, actor, Decision.DENY, channel, reason, null, digest);
    }
}
