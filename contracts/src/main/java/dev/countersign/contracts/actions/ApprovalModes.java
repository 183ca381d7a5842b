package dev.countersign.contracts.actions;

/** Values of {@code approval.mode}. */
public final class ApprovalModes {
    public static final String AUTO = "auto";
    public static final String REQUIRE_APPROVAL = "require_approval";
    public static final String DRY_RUN_FIRST = "dry_run_first";

    private ApprovalModes() {
    }
}
