package dev.countersign.contracts.webhook;

/** Header names of the webhook wire format (DESIGN §5, Standard Webhooks). */
public final class WebhookHeaders {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    public static final String TRACEPARENT = "traceparent";
    public static final String USER_AGENT_PREFIX = "Countersign/";

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile(
            "^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$");
    // Headers Countersign sets itself, what the signature covers, and the framing of the request.
    private static final java.util.Set<String> RESERVED = java.util.Set.of(TRACEPARENT, "tracestate", "content-type",
            "content-length", "user-agent", "host", "transfer-encoding", "connection", "te", "upgrade", "expect",
            "trailer");

    private WebhookHeaders() {
    }

    /** Whether {@code name} is a valid HTTP field name (an RFC 9110 token). */
    public static boolean validName(String name) {
        return name != null && TOKEN.matcher(name).matches();
    }

    /** Whether {@code name} is one a definition's credential header may not replace ({@code webhook-*} and more). */
    public static boolean reserved(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("webhook-") || RESERVED.contains(lower);
    }
}
