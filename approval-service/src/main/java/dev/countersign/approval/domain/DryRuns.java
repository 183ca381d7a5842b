package dev.countersign.approval.domain;

import dev.countersign.contracts.events.DryRunCompleted;
import dev.countersign.contracts.events.DryRunResult;
import java.util.List;

/**
 * A dry run's result reaching its approval: shown (a failed one too: approvers see what went wrong), bound into
 * the digest, and announced with {@code approval.requested}. A result for parameters since edited (its
 * {@code parameters_digest} is not the outstanding one), or for an approval no longer waiting for one, is stale
 * and ignored. Pure.
 */
public final class DryRuns {

    private DryRuns() {
    }

    /** The transition {@code completed} causes, or null when it is stale. */
    public static Transition complete(ApprovalView view, DryRunCompleted completed) {
        if (view == null || view.status() != ApprovalStatus.PENDING || !view.dryRunPending()) {
            return null;
        }
        String outstanding = Digests.parameters(view.action(), view.actionVersion(), view.parameters());
        String echoed = completed.parametersDigest();
        // An executor that does not echo the digest is still unambiguous while only one dry run was ever asked
        // for (no edit yet); after an edit only the echoed digest can tell the answers apart.
        boolean current = echoed != null ? echoed.equals(outstanding) : !view.edited();
        if (!current) {
            return null;
        }
        DryRunResult result = new DryRunResult(completed.ok(), completed.outcome());
        String digest = Digests.of(view.action(), view.actionVersion(), view.parameters(), result);
        ApprovalView after = view.withParameters(view.parameters(), result, false, digest);
        return new Transition(after, null, List.of(ApprovalEvents.requested(after)), null);
    }
}
