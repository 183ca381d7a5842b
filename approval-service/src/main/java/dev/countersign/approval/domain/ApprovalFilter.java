package dev.countersign.approval.domain;

/**
 * What a list of approvals is narrowed to: a status (null: any), an assistant and an action (null: any), a page
 * of at most {@code limit} after the proposal id {@code after} (keyset, ordered by proposal id).
 */
public record ApprovalFilter(ApprovalStatus status, String assistant, String action, String after, int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    public ApprovalFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    /** The pending approvals, first page of {@code limit}. */
    public static ApprovalFilter pending(int limit) {
        return new ApprovalFilter(ApprovalStatus.PENDING, null, null, null, limit);
    }
}
