package dev.countersign.executor.client;

/** The registry could not answer (down, 5xx, refused our token, unreadable answer): transient, the event is retried later. */
public class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message) {
        super(message);
    }
}
