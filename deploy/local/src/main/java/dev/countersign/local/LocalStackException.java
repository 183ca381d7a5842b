package dev.countersign.local;

/** The local stack could not start or do what was asked; the message names the log file to read. */
public class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }

    public LocalStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
