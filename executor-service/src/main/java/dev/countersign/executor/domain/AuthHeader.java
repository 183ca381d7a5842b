package dev.countersign.executor.domain;

import dev.countersign.contracts.actions.OutboundAuth;
import dev.countersign.contracts.webhook.WebhookHeaders;

/**
 * The outbound credential as a request header ({@code <header>: [<scheme> ]<value>}), from a definition's
 * {@code execution.auth}. Only ever put on the request: its value is kept out of {@link #toString()}.
 */
public record AuthHeader(String name, String value) {
    private static final String DEFAULT_HEADER = "Authorization";

    @Override
    public String toString() {
        return "AuthHeader[" + name + "]";
    }

    /** Either the header to send ({@code header}, null when the definition has no auth) or why none can be. */
    public record Resolution(AuthHeader header, String code, String message) {
        static Resolution none() {
            return new Resolution(null, null, null);
        }

        static Resolution refused(String code, String message) {
            return new Resolution(null, code, message);
        }

        /** Whether the delivery must fail with {@link #code()} instead. */
        public boolean refused() {
            return code != null;
        }
    }

    /**
     * The header carrying {@code credential}, the value of the credential {@code auth} names (null when the
     * registry did not hand it out), or the reason it cannot be sent. Messages name the credential and the
     * header, never the value.
     */
    public static Resolution resolve(OutboundAuth auth, String credential) {
        if (auth == null) {
            return Resolution.none();
        }
        String header = auth.header() == null || auth.header().isBlank() ? DEFAULT_HEADER : auth.header().trim();
        if (!WebhookHeaders.validName(header)) {
            return Resolution.refused(ErrorCodes.INVALID_DEFINITION,
                    "execution.auth.header is not a valid HTTP header name.");
        }
        if (WebhookHeaders.reserved(header)) {
            return Resolution.refused(ErrorCodes.INVALID_DEFINITION, "execution.auth.header '" + header
                    + "' would replace a header the executor sets itself.");
        }
        if (credential == null || credential.isEmpty()) {
            return Resolution.refused(ErrorCodes.CREDENTIAL_MISSING, "The credential '" + auth.credential()
                    + "' named in execution.auth is not available from the registry; nothing was sent.");
        }
        String scheme = auth.scheme() == null ? "" : auth.scheme().trim();
        String value = scheme.isEmpty() ? credential : scheme + " " + credential;
        if (!sendable(value)) {
            // Vert.x would refuse it with an exception, and a CR/LF must never split the request anyway
            return Resolution.refused(ErrorCodes.CREDENTIAL_INVALID, "The credential '" + auth.credential()
                    + "' or execution.auth.scheme contains characters a header value cannot carry.");
        }
        return new Resolution(new AuthHeader(header, value), null, null);
    }

    // A header value: visible ASCII/obs-text, space and tab only (RFC 9110 field-value), no control characters.
    private static boolean sendable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }
}
