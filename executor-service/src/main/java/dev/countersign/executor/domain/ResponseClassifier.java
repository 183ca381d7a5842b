package dev.countersign.executor.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Judges an attempt exactly as DESIGN §5 says: 2xx with {@code success: true} or a non-JSON body succeeds;
 * {@code success: false} or an {@code error} fails; 4xx fails (408/429 retried, honouring {@code Retry-After});
 * 5xx, timeouts and connection errors are retried. Text taken from the answer has its NUL characters removed
 * ({@link JsonSanitizer}).
 */
public final class ResponseClassifier {
    private static final int MAX_RELAYED_ERROR = 500;

    private ResponseClassifier() {
    }

    /** The outcome of {@code result}; {@code now} is used to read an HTTP-date {@code Retry-After}. */
    public static Outcome classify(AttemptResult result, Instant now) {
        // Java 17: no pattern switch yet; the sealed interface keeps this list complete.
        if (result instanceof AttemptResult.Answered a) {
            return answered(a, now);
        }
        if (result instanceof AttemptResult.ResponseTooLarge t) {
            return new Outcome.Failed(null, ErrorCodes.RESPONSE_TOO_LARGE,
                    "The endpoint's response exceeded " + t.limitBytes() + " bytes.");
        }
        if (result instanceof AttemptResult.TimedOut t) {
            return new Outcome.Retry(null, ErrorCodes.TIMEOUT,
                    "The endpoint did not answer within " + t.timeoutMs() + " ms.", null);
        }
        if (result instanceof AttemptResult.ConnectionFailed c) {
            return new Outcome.Retry(null, ErrorCodes.CONNECTION_ERROR, "Could not connect to the endpoint: "
                    + JsonSanitizer.strip(c.reason()), null);
        }
        AttemptResult.Unresolvable u = (AttemptResult.Unresolvable) result;
        return new Outcome.Retry(null, ErrorCodes.HOST_UNRESOLVABLE, JsonSanitizer.strip(u.reason()), null);
    }

    private static Outcome answered(AttemptResult.Answered a, Instant now) {
        int status = a.status();
        JsonNode json = parseObject(a.body());
        if (status >= 200 && status < 300) {
            if (json == null) {
                return new Outcome.Succeeded(status, null, null);
            }
            JsonNode success = json.get("success");
            JsonNode error = json.get("error");
            boolean reportsFailure = success != null && success.isBoolean() ? !success.booleanValue()
                    : error != null && !error.isNull();
            if (reportsFailure) {
                return new Outcome.Failed(status, ErrorCodes.WEBHOOK_ERROR,
                        errorText(error).orElse("The endpoint reported that the action failed."));
            }
            JsonNode message = json.get("message");
            JsonNode data = present(json.get("result")) ? json.get("result") : json.get("data");
            return new Outcome.Succeeded(status, message != null && message.isTextual() ? message.asText() : null,
                    present(data) ? data : null);
        }
        String detail = json == null ? "" : errorText(json.get("error")).map(e -> ": " + e).orElse("");
        if (status == 408 || status == 429) {
            return new Outcome.Retry(status, status == 408 ? ErrorCodes.REQUEST_TIMEOUT : ErrorCodes.RATE_LIMITED,
                    "The endpoint answered HTTP " + status + detail, retryAfter(a.retryAfter(), now));
        }
        if (status >= 400 && status < 500) {
            return new Outcome.Failed(status, ErrorCodes.CLIENT_ERROR, "The endpoint answered HTTP " + status + detail);
        }
        if (status >= 500) {
            return new Outcome.Retry(status, ErrorCodes.SERVER_ERROR, "The endpoint answered HTTP " + status + detail,
                    null);
        }
        return new Outcome.Failed(status, ErrorCodes.UNEXPECTED_STATUS, "The endpoint answered HTTP " + status
                + (status >= 300 ? "; redirects are not followed." : "."));
    }

    /**
     * {@code Retry-After} as delta-seconds or an HTTP-date, at most {@link #MAX_RETRY_AFTER}; null when absent or
     * unreadable. A hostile receiver's {@code 99999999999999999} must not overflow later arithmetic (it used to make
     * every attempt fail before it was counted, stalling the partition), so any longer wait reads as the maximum;
     * the backoff then caps it at the definition's {@code max_backoff_ms}.
     */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            // Digits only: delta-seconds, however many there are (too many for a long is simply "very long").
            return v.length() > 12 || Long.parseLong(v) > MAX_RETRY_AFTER.toSeconds() ? MAX_RETRY_AFTER
                    : Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return d.isNegative() ? Duration.ZERO : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
        } catch (DateTimeParseException | ArithmeticException notDate) {
            return null;
        }
    }

    /** The longest {@code Retry-After} read as such; far above any {@code max_backoff_ms}, far below overflow. */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static java.util.Optional<String> errorText(JsonNode error) {
        if (!present(error)) {
            return java.util.Optional.empty();
        }
        String text = error.isTextual() ? error.asText() : error.toString();
        return java.util.Optional.of(text.length() > MAX_RELAYED_ERROR ? text.substring(0, MAX_RELAYED_ERROR) + "…"
                : text);
    }

    // A body that is not a JSON object carries no verdict of its own ("any non-JSON 2xx body -> succeeded").
    // Everything relayed (message, data, error) comes from this tree, so NUL characters are removed here once:
    // jsonb cannot store them, and a result that cannot be stored would be delivered again and again.
    private static JsonNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.mapper().readTree(new String(body, StandardCharsets.UTF_8));
            return node != null && node.isObject() ? JsonSanitizer.strip(node) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
