package dev.countersign.kit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a Kafka record as a CloudEvent 1.0 in binary ({@code ce_*} headers) or structured
 * ({@code application/cloudevents+json}) mode.
 *
 * <p>Why not the connector's own incoming CloudEvent support: it parses inside record construction, so a
 * malformed structured value throws before our handler sees it and cannot be dead-lettered with a reason.
 * Here every defect becomes a {@link PoisonMessageException} naming what is wrong.
 */
public final class CloudEventReader {
    static final String STRUCTURED = "application/cloudevents+json";

    private CloudEventReader() {
    }

    /** Parses the record; throws {@link PoisonMessageException} if it is not a well-formed JSON CloudEvent. */
    public static IncomingEvent read(String topic, String key, Headers headers, String value) {
        String contentType = header(headers, "content-type");
        if (contentType != null && contentType.toLowerCase().startsWith(STRUCTURED)) {
            return structured(topic, key, value);
        }
        if (header(headers, "ce_specversion") != null) {
            return binary(topic, key, headers, value);
        }
        throw new PoisonMessageException("not a CloudEvent: no ce_specversion header and content-type is not "
                + STRUCTURED);
    }

    private static IncomingEvent binary(String topic, String key, Headers headers, String value) {
        requireSpecVersion(header(headers, "ce_specversion"));
        String dataContentType = header(headers, "ce_datacontenttype");
        if (dataContentType == null) {
            dataContentType = header(headers, "content-type");
        }
        if (dataContentType != null && !dataContentType.toLowerCase().contains("json")) {
            throw new PoisonMessageException("data content type must be JSON, was " + dataContentType);
        }
        return new IncomingEvent(required(header(headers, "ce_id"), "id"), required(header(headers, "ce_type"), "type"),
                required(header(headers, "ce_source"), "source"), header(headers, "ce_subject"),
                time(header(headers, "ce_time")), topic, key, dataObject(parse(value, "data")));
    }

    private static IncomingEvent structured(String topic, String key, String value) {
        JsonNode envelope = parse(value, "structured CloudEvent");
        if (!envelope.isObject()) {
            throw new PoisonMessageException("structured CloudEvent must be a JSON object");
        }
        requireSpecVersion(textOf(envelope, "specversion"));
        String dataContentType = textOf(envelope, "datacontenttype");
        if (dataContentType != null && !dataContentType.toLowerCase().contains("json")) {
            throw new PoisonMessageException("data content type must be JSON, was " + dataContentType);
        }
        JsonNode data = envelope.get("data");
        if (data != null && data.isTextual()) {
            data = parse(data.asText(), "data");
        }
        return new IncomingEvent(required(textOf(envelope, "id"), "id"), required(textOf(envelope, "type"), "type"),
                required(textOf(envelope, "source"), "source"), textOf(envelope, "subject"),
                time(textOf(envelope, "time")), topic, key, dataObject(data));
    }

    private static void requireSpecVersion(String version) {
        if (!"1.0".equals(version)) {
            throw new PoisonMessageException("unsupported CloudEvents specversion " + version + " (expected 1.0)");
        }
    }

    private static String required(String value, String attribute) {
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("CloudEvent attribute '" + attribute + "' is missing");
        }
        return value;
    }

    private static OffsetDateTime time(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("CloudEvent attribute 'time' is not RFC 3339: " + value);
        }
    }

    private static ObjectNode dataObject(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new PoisonMessageException("CloudEvent data must be a JSON object");
        }
        return (ObjectNode) data;
    }

    private static JsonNode parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new PoisonMessageException(what + " is empty");
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String header(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
