package dev.countersign.contracts.webhook;

/** Values of the webhook body's {@code type}. */
public final class WebhookTypes {
    public static final String EXECUTE = "action.execute";
    public static final String DRY_RUN = "action.dry_run";

    private WebhookTypes() {
    }
}
