package dev.countersign.executor.domain;

/** What one HTTP attempt produced at the transport level, before it is judged by {@link ResponseClassifier}. */
public sealed interface AttemptResult {

    /** The endpoint answered; {@code body} holds at most the response limit. */
    record Answered(int status, String retryAfter, byte[] body) implements AttemptResult {
    }

    /** The endpoint answered with more than the response limit. */
    record ResponseTooLarge(long limitBytes) implements AttemptResult {
    }

    /** No complete answer within the timeout. */
    record TimedOut(long timeoutMs) implements AttemptResult {
    }

    /** The connection failed; {@code reason} is a short description, never the payload. */
    record ConnectionFailed(String reason) implements AttemptResult {
    }

    /** The host did not resolve (DNS). */
    record Unresolvable(String reason) implements AttemptResult {
    }
}
