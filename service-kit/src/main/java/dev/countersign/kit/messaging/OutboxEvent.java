package dev.countersign.kit.messaging;

import java.util.UUID;

/**
 * An event to publish on this service's topic: CloudEvent {@code id}, {@code type}, {@code subject}, the
 * Kafka key and the data, which is serialised with the contract mapper.
 */
public record OutboxEvent(String id, String type, String subject, String key, Object data) {

    /** A new event with a fresh id, keyed and subjected by {@code subject} (the proposal id on lifecycle topics). */
    public static OutboxEvent of(String type, String subject, Object data) {
        return new OutboxEvent(UUID.randomUUID().toString(), type, subject, subject, data);
    }
}
