package dev.countersign.proposal.domain;

import dev.countersign.contracts.actions.ActionDefinition;

/**
 * What the replica knows of an action when a proposal is judged: its latest version, whether it is retired, and that
 * version's definition ({@code null} when only a retirement was seen: the compacted topic may have dropped the
 * definition).
 */
public record ActionState(int latestVersion, boolean retired, ActionDefinition definition) {

    /** True when a proposal can be judged against this state (retired, or with a definition to validate against). */
    public static boolean known(ActionState state) {
        return state != null && (state.retired() || state.definition() != null);
    }
}
