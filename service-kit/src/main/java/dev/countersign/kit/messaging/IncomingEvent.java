package dev.countersign.kit.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * A CloudEvent read from Kafka, in either content mode: its attributes, the record key and topic, and its
 * JSON data (always an object).
 */
public record IncomingEvent(String id, String type, String source, String subject, OffsetDateTime time,
        String topic, String key, ObjectNode data) {

    /** A text field of the data, or null when absent or not text. */
    public String text(String field) {
        JsonNode node = data.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
