package dev.countersign.contracts.webhook;

/** Header names of the webhook wire format (DESIGN §5, Standard Webhooks). */
public final class WebhookHeaders {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    public static final String TRACEPARENT = "traceparent";
    public static final String USER_AGENT_PREFIX = "Countersign/";

    private WebhookHeaders() {
    }
}
