package dev.countersign.executor.client;

/** The registry could not answer (down, 5xx, refused our token): transient, the event is retried later. */
public class RegistryUnavailableException extends RuntimeException {

    public RegistryUnavailableException(String message) {
        super(message);
    }

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
