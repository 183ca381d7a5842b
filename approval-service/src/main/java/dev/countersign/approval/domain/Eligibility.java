package dev.countersign.approval.domain;

import dev.countersign.contracts.events.RequiredApproval;

/**
 * Who may decide (DESIGN §4b). {@code role:<name>}: a viewer whose groups contain {@code <name>};
 * {@code end_user}: the viewer whose subject is the proposal's {@code user.id} (no user id: nobody) and who is not
 * its submitter (the submitter declared {@code user.id} itself, so its own token cannot count as the end user's).
 * {@code forbid_self_approval} bars the proposing user and the authenticated submitter. {@code countersign-admin}
 * is no approver by that alone (separation of duties).
 *
 * <p>A decision may be vouched for: a countersign-admin issued a one-time link for someone else ({@code issuedBy}).
 * The issuer is held to the same bars as the approver (an admin who is the proposal's user or submitter cannot
 * vouch under {@code forbid_self_approval}, nor, for an end-user approval, can its submitter). Pure.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /** Whether {@code viewer} is whom {@code required} names, before any bar (what the viewer may read). */
    public static boolean named(RequiredApproval required, Viewer viewer, String endUserId) {
        if (required == null || viewer == null) {
            return false;
        }
        if (Boolean.TRUE.equals(required.endUser())) {
            return endUserId != null && !endUserId.isBlank() && endUserId.equals(viewer.subject());
        }
        return required.role() != null && !required.role().isBlank() && viewer.inGroup(required.role());
    }

    /** Whether {@code forbid_self_approval} bars {@code subject}: it is the proposing user or the submitter. */
    public static boolean selfBarred(RequiredApproval required, String subject, String endUserId, String submittedBy) {
        return required != null && Boolean.TRUE.equals(required.forbidSelfApproval()) && subject != null
                && (subject.equals(endUserId) || subject.equals(submittedBy));
    }

    /** Whether {@code forbid_self_approval} bars {@code viewer}: it is the proposing user or the submitter. */
    public static boolean selfBarred(RequiredApproval required, Viewer viewer, String endUserId, String submittedBy) {
        return selfBarred(required, viewer.subject(), endUserId, submittedBy);
    }

    /** Whether {@code subject} is the submitter standing in for the end user of an {@code end_user} approval. */
    public static boolean submitterAsEndUser(RequiredApproval required, String subject, String submittedBy) {
        return required != null && Boolean.TRUE.equals(required.endUser()) && subject != null
                && subject.equals(submittedBy);
    }

    /** Whether {@code viewer} may decide on its own credentials: named by the policy and not barred. */
    public static boolean eligible(RequiredApproval required, Viewer viewer, String endUserId, String submittedBy) {
        return eligible(required, viewer, endUserId, submittedBy, null);
    }

    /**
     * Whether {@code viewer} may decide, vouched for by {@code issuedBy} (null: nobody): the viewer is named and
     * not barred, and the issuer is not barred either.
     */
    public static boolean eligible(RequiredApproval required, Viewer viewer, String endUserId, String submittedBy,
            String issuedBy) {
        return named(required, viewer, endUserId)
                && !selfBarred(required, viewer, endUserId, submittedBy)
                && !submitterAsEndUser(required, viewer.subject(), submittedBy)
                && (issuedBy == null || !issuerBarred(required, issuedBy, endUserId, submittedBy));
    }

    /** Whether {@code issuedBy} may not vouch for an approver of this proposal. */
    public static boolean issuerBarred(RequiredApproval required, String issuedBy, String endUserId,
            String submittedBy) {
        return selfBarred(required, issuedBy, endUserId, submittedBy)
                || submitterAsEndUser(required, issuedBy, submittedBy);
    }

    /** The role that made {@code viewer} eligible, for {@code decided_by[].role}; null for the end user. */
    public static String roleOf(RequiredApproval required) {
        return required == null || Boolean.TRUE.equals(required.endUser()) ? null : required.role();
    }

    /** Whom {@code required} names, in words: "role finance", "the proposal's end user". */
    public static String describe(RequiredApproval required) {
        if (required == null) {
            return "nobody";
        }
        if (Boolean.TRUE.equals(required.endUser())) {
            return "the proposal's end user";
        }
        return "role " + required.role();
    }
}
