package dev.countersign.approval.domain;

import dev.countersign.kit.domain.DomainException;
import java.util.List;

/**
 * What one step of an approval changes: the approval as it stands afterwards, the decision to record (null when
 * none), the events to publish with it, and — when the step must be committed and still answered as a refusal
 * (a decision that arrived after the deadline expires the approval, then answers 409 {@code expired}) — that
 * refusal.
 */
public record Transition(ApprovalView after, DecisionRecord recorded, List<Emitted> events,
        DomainException thenRefuse) {

    public Transition {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Nothing changes (a repeated decision). */
    public static Transition unchanged(ApprovalView view) {
        return new Transition(view, null, List.of(), null);
    }

    /** Whether anything is to be written. */
    public boolean changes() {
        return recorded != null || !events.isEmpty();
    }
}
