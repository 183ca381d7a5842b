package dev.countersign.contracts;

/** CloudEvent {@code source} values of the events Countersign produces: {@code /countersign/<module>}. */
public final class Sources {
    public static final String ACTION_REGISTRY = "/countersign/action-registry";
    public static final String PROPOSAL_SERVICE = "/countersign/proposal-service";
    public static final String APPROVAL_SERVICE = "/countersign/approval-service";
    public static final String EXECUTOR_SERVICE = "/countersign/executor-service";
    public static final String AUDIT_SERVICE = "/countersign/audit-service";

    private Sources() {
    }
}
