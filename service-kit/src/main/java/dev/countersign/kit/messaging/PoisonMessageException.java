package dev.countersign.kit.messaging;

/**
 * A message that can never be applied (not a CloudEvent, not JSON, unknown type): it goes to the dead-letter
 * topic with this exception's message as the reason, and the consumer moves on.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
