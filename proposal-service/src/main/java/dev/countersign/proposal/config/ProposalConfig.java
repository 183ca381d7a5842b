package dev.countersign.proposal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Knobs of proposal intake; every one is documented in {@code application.properties}. */
@ConfigMapping(prefix = "countersign.proposals")
public interface ProposalConfig {

    /**
     * How long an unknown action is re-checked before the proposal is rejected {@code unknown_action}: the
     * replica of {@code countersign.actions} may lag a definition published a moment before the proposal.
     */
    @WithDefault("PT2S")
    Duration unknownActionGrace();

    /** How often the replica is re-checked during {@link #unknownActionGrace()}. */
    @WithDefault("PT0.2S")
    Duration unknownActionPoll();

    /** Expiry when neither the proposal nor the action's approval block sets one (DESIGN §3). */
    @WithDefault("10080")
    int defaultExpiresInMinutes();

    /**
     * At start-up, proposals wait (channel paused, service not ready) until the replica has caught up with
     * {@code countersign.actions}, so a backlog is never rejected {@code unknown_action} by a cold replica.
     * After this long they flow anyway (with a warning).
     */
    @WithDefault("PT60S")
    Duration replicaCatchUpTimeout();
}
