package dev.countersign.executor.domain;

/**
 * Machine codes of {@code execution.failed} errors and of {@code execution.attempted} errors. Stable: consumers
 * (assistants, dashboards) branch on them.
 */
public final class ErrorCodes {
    /** The pinned definition version does not exist in the registry. */
    public static final String DEFINITION_NOT_FOUND = "definition_not_found";
    /** The definition is unusable for delivery (no URL). */
    public static final String INVALID_DEFINITION = "invalid_definition";
    /** An execution kind this executor does not deliver (yet). */
    public static final String UNSUPPORTED_EXECUTION_KIND = "unsupported_execution_kind";
    /** The action has no active signing secret, and unsigned deliveries are never sent. */
    public static final String NO_SIGNING_SECRET = "no_signing_secret";
    /** The credential the definition's {@code execution.auth} names is not available (deleted, or never stored). */
    public static final String CREDENTIAL_MISSING = "credential_missing";
    /** The stored credential cannot be sent as a header value (control characters such as CR or LF). */
    public static final String CREDENTIAL_INVALID = "credential_invalid";
    /** The URL or the address it resolves to is refused by the egress policy (DESIGN §6). */
    public static final String EGRESS_REFUSED = "egress_refused";
    /** The webhook body would exceed the request limit. */
    public static final String REQUEST_TOO_LARGE = "request_too_large";
    /** The endpoint answered with a body over the response limit. */
    public static final String RESPONSE_TOO_LARGE = "response_too_large";
    /** The endpoint answered {@code {"success": false}} or {@code {"error": ...}}. */
    public static final String WEBHOOK_ERROR = "webhook_error";
    /** A 4xx answer other than 408/429: not retried. */
    public static final String CLIENT_ERROR = "client_error";
    /** A 1xx/3xx answer: redirects are never followed. */
    public static final String UNEXPECTED_STATUS = "unexpected_status";
    /** A 5xx answer: retried. */
    public static final String SERVER_ERROR = "server_error";
    /** 408 Request Timeout: retried, honouring Retry-After. */
    public static final String REQUEST_TIMEOUT = "request_timeout";
    /** 429 Too Many Requests: retried, honouring Retry-After. */
    public static final String RATE_LIMITED = "rate_limited";
    /** No complete answer within the timeout: retried. */
    public static final String TIMEOUT = "timeout";
    /** The connection could not be made or broke: retried. */
    public static final String CONNECTION_ERROR = "connection_error";
    /** The host did not resolve: retried (DNS may recover). */
    public static final String HOST_UNRESOLVABLE = "host_unresolvable";

    /** The {@code email} kind's parameters (to, cc, subject, body) are invalid: nothing is sent, not retried. */
    public static final String INVALID_EMAIL_PARAMETERS = "invalid_email_parameters";
    /** The SMTP server replied 4xx (busy, mailbox temporarily unavailable): retried. */
    public static final String SMTP_TRANSIENT = "smtp_transient";
    /** The SMTP server replied 5xx (unknown mailbox, message refused): failed, not retried. */
    public static final String SMTP_REJECTED = "smtp_rejected";

    /** Resumed after a crash with every attempt already spent (the last one's cause is in its attempted event). */
    public static final String RETRIES_EXHAUSTED = "retries_exhausted";

    private ErrorCodes() {
    }
}
