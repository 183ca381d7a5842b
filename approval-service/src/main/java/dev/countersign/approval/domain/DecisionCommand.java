package dev.countersign.approval.domain;

import java.util.Map;
import java.util.Objects;

/**
 * One person's decision on one proposal, whatever the channel. {@code parameters} (approve only) is a full
 * replacement of the effective parameters, or null for none; {@code digest}, when given, must be the approval's
 * current one; {@code comment} is the approver's comment or the denial's reason.
 */
public record DecisionCommand(String tenant, String proposalId, Viewer actor, Decision decision, String channel,
        String comment, Map<String, Object> parameters, String digest) {

    public DecisionCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(channel, "channel");
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
