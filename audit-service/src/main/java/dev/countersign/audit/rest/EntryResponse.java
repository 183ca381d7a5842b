package dev.countersign.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.audit.domain.AuditEntry;
import dev.countersign.kit.json.CanonicalJson;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One audit entry as published: the hashed members exactly as hashed ({@code data} written as its canonical JSON
 * text, so every number keeps every digit), the {@code topic} it was read from, and its chain links. Nulls are
 * written, so a client can re-hash an entry from the JSON alone.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"seq", "event_id", "type", "source", "subject", "tenant", "actor", "time", "recorded_at",
        "topic", "data", "prev_hash", "hash"})
public record EntryResponse(long seq, String eventId, String type, String source, String subject, String tenant,
        String actor, String time, String recordedAt, String topic,
        @Schema(type = SchemaType.OBJECT, description = "The event's data snapshot, as hashed") @JsonRawValue String data,
        String prevHash, String hash) {

    /** The published form of {@code entry}. */
    public static EntryResponse of(AuditEntry entry) {
        return new EntryResponse(entry.seq(), entry.eventId(), entry.type(), entry.source(), entry.subject(),
                entry.tenant(), entry.actor(), entry.time(), entry.recordedAt(), entry.topic(),
                CanonicalJson.of(entry.data()), entry.prevHash(), entry.hash());
    }
}
