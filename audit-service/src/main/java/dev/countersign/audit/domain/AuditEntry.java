package dev.countersign.audit.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One row of the audit log as stored and as published: the hashed members exactly as hashed ({@code time} and
 * {@code recorded_at} as their canonical text, {@code data} as canonical JSON text), where it was read
 * ({@code topic}), and its chain links. Nulls are written, so a client can re-hash an entry from the JSON alone.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"seq", "event_id", "type", "source", "subject", "tenant", "actor", "time", "recorded_at",
        "topic", "data", "prev_hash", "hash"})
public record AuditEntry(long seq, String eventId, String type, String source, String subject, String tenant,
        String actor, String time, String recordedAt, String topic, @JsonRawValue String data, String prevHash,
        String hash) {

    /** The canonical text of this entry's hashed members. */
    public String canonical() {
        return Canonical.entry(seq, eventId, type, source, subject, tenant, actor, time, recordedAt,
                Canonical.parse(data));
    }

    /** The hash this entry must carry given its members and {@code prevHash}. */
    public String expectedHash() {
        return Canonical.hash(prevHash, canonical());
    }
}
