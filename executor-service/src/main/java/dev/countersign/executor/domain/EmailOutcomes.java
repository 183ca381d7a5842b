package dev.countersign.executor.domain;

/**
 * How an SMTP attempt is judged (the {@code email} kind), mirroring a webhook's rules: a 4xx reply (the server is
 * busy, a mailbox temporarily unavailable), a refused or broken connection and a timeout are retried with the
 * definition's retry policy; a 5xx reply is a permanent refusal, failed without a retry. There is no HTTP status,
 * so {@link Outcome#httpStatus()} is null throughout.
 */
public final class EmailOutcomes {
    private static final int MAX_REASON_CHARS = 200;

    private EmailOutcomes() {
    }

    /** The server accepted the message for every recipient. */
    public static Outcome sent(EmailMessage message) {
        return new Outcome.Succeeded(null, "Email sent to " + message.recipients() + ".", null);
    }

    /** The server replied {@code replyCode} ({@code reply} is its text) to some command of the dialogue. */
    public static Outcome replied(int replyCode, String reply) {
        String reason = "The SMTP server replied " + replyCode + (reply == null || reply.isBlank() ? ""
                : ": " + bounded(reply));
        if (replyCode >= 400 && replyCode < 500) {
            return new Outcome.Retry(null, ErrorCodes.SMTP_TRANSIENT, reason, null);
        }
        return new Outcome.Failed(null, ErrorCodes.SMTP_REJECTED, reason);
    }

    /** No answer within {@code timeoutMs}. */
    public static Outcome timedOut(long timeoutMs) {
        return new Outcome.Retry(null, ErrorCodes.TIMEOUT, "The SMTP server did not answer within " + timeoutMs
                + " ms.", null);
    }

    /** The connection to the SMTP server could not be made or broke. */
    public static Outcome connectionFailed(String reason) {
        return new Outcome.Retry(null, ErrorCodes.CONNECTION_ERROR, "The SMTP server could not be reached"
                + (reason == null || reason.isBlank() ? "." : ": " + bounded(reason)), null);
    }

    private static String bounded(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return oneLine.length() > MAX_REASON_CHARS ? oneLine.substring(0, MAX_REASON_CHARS) + "…" : oneLine;
    }
}
