package dev.countersign.approval.domain;

import dev.countersign.contracts.events.RequiredApproval;

/**
 * Who may decide (DESIGN §4b). {@code role:<name>}: a viewer whose groups contain {@code <name>};
 * {@code end_user}: the viewer whose subject is the proposal's {@code user.id} (no user id: nobody).
 * {@code forbid_self_approval} bars the proposing user and the authenticated submitter. {@code countersign-admin}
 * is no approver by that alone (separation of duties). Pure.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /** Whether {@code viewer} is whom {@code required} names, before the self-approval bar. */
    public static boolean named(RequiredApproval required, Viewer viewer, String endUserId) {
        if (required == null || viewer == null) {
            return false;
        }
        if (Boolean.TRUE.equals(required.endUser())) {
            return endUserId != null && !endUserId.isBlank() && endUserId.equals(viewer.subject());
        }
        return required.role() != null && !required.role().isBlank() && viewer.inGroup(required.role());
    }

    /** Whether {@code forbid_self_approval} bars {@code viewer}: it is the proposing user or the submitter. */
    public static boolean selfBarred(RequiredApproval required, Viewer viewer, String endUserId, String submittedBy) {
        return required != null && Boolean.TRUE.equals(required.forbidSelfApproval())
                && (viewer.subject().equals(endUserId) || viewer.subject().equals(submittedBy));
    }

    /** Whether {@code viewer} may decide: named by the policy and not barred as the proposer. */
    public static boolean eligible(RequiredApproval required, Viewer viewer, String endUserId, String submittedBy) {
        return named(required, viewer, endUserId) && !selfBarred(required, viewer, endUserId, submittedBy);
    }

    /** The role that made {@code viewer} eligible, for {@code decided_by[].role}; null for the end user. */
    public static String roleOf(RequiredApproval required) {
        return required == null || Boolean.TRUE.equals(required.endUser()) ? null : required.role();
    }
}
