package dev.countersign.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.kit.json.CanonicalJson;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The hashed form of an audit entry: the kit's canonical JSON ({@link CanonicalJson}, RFC 8785 and lossless for
 * numbers a double cannot hold) of its ten hashed members, and {@code hash = hex(SHA-256(UTF-8(prev_hash +
 * canonical)))}. Appending and verifying both go through here, so a row re-read from the database hashes to
 * exactly what was stored.
 */
public final class ChainHash {
    /** The {@code prev_hash} of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    /**
     * Canonical text of the hashed members; every member is present, absent values are JSON {@code null}, times
     * are {@link #timestamp} text and {@code data} is the data object itself.
     */
    public static String entry(long seq, String eventId, String type, String source, String subject, String tenant,
            String actor, String time, String recordedAt, JsonNode data) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.put("seq", seq);
        entry.put("event_id", eventId);
        entry.put("type", type);
        entry.put("source", source);
        entry.put("subject", subject);
        entry.put("tenant", tenant);
        entry.put("actor", actor);
        entry.put("time", time);
        entry.put("recorded_at", recordedAt);
        entry.set("data", data);
        return CanonicalJson.of(entry);
    }

    /** {@code hex(SHA-256(UTF-8(prevHash + canonical)))}, lower case. */
    public static String hash(String prevHash, String canonical) {
        return CanonicalJson.sha256Hex(prevHash + canonical);
    }

    /**
     * An instant as the log keeps it: truncated to microseconds (what PostgreSQL TIMESTAMPTZ stores, so the
     * value survives a round trip unchanged).
     */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The hashed and published text of a time: ISO-8601 in UTC of its microsecond value, or null. */
    public static String timestamp(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(micros(instant));
    }

    /** {@link #timestamp(Instant)} of an offset date-time, normalised to UTC. */
    public static String timestamp(OffsetDateTime time) {
        return time == null ? null : timestamp(time.toInstant());
    }
}
