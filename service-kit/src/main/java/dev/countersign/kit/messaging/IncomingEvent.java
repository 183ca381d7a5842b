package dev.countersign.kit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import java.time.OffsetDateTime;

/**
 * A CloudEvent read from Kafka, in either content mode: its attributes, the record key and topic, and its
 * JSON data (always an object).
 */
public record IncomingEvent(String id, String type, String source, String subject, OffsetDateTime time,
        String topic, String key, ObjectNode data) {

    /**
     * The data read as a contract record; data that does not fit the record is poison (the message names the
     * field and type without echoing the payload).
     */
    public <T> T dataAs(Class<T> type) {
        try {
            return Json.mapper().treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException(this.type + " data does not match the contract: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** A text field of the data, or null when absent or not text. */
    public String text(String field) {
        JsonNode node = data.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
