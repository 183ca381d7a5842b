package dev.countersign.approval.domain;

import dev.countersign.kit.domain.DomainException;
import java.util.List;

/**
 * What one step of an approval changes: the approval as it stands afterwards, the decision to record (null when
 * none), the events to publish with it, and — when the step must be committed and still answered as a refusal
 * (a decision that arrived after the deadline expires the approval, then answers 409 {@code expired}) — that
 * refusal. {@code warnings} are for the log (a rule that could not be evaluated when an edit re-resolved the
 * policy, and so counted as matching).
 */
public record Transition(ApprovalView after, DecisionRecord recorded, List<Emitted> events,
        DomainException thenRefuse, List<String> warnings) {

    public Transition {
        events = events == null ? List.of() : List.copyOf(events);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A step with nothing to log. */
    public Transition(ApprovalView after, DecisionRecord recorded, List<Emitted> events, DomainException thenRefuse) {
        this(after, recorded, events, thenRefuse, List.of());
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
