package dev.countersign.audit.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The hashed form of an audit entry: RFC 8785 (JCS) canonical JSON of its ten hashed members and
 * {@code hash = hex(SHA-256(UTF-8(prev_hash + canonical)))}. Insertion and verification both go through here,
 * so a row re-read from the database hashes to exactly what was stored.
 */
public final class Canonical {
    /** The {@code prev_hash} of the first entry: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    // A plain mapper on purpose: the contract mapper drops nulls, but every hashed member is always present.
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private Canonical() {
    }

    /** RFC 8785 canonical text of any JSON value. */
    public static String json(JsonNode node) {
        try {
            return new JsonCanonicalizer(PLAIN.writeValueAsString(node)).getEncodedString();
        } catch (IOException e) {
            throw new IllegalArgumentException("JSON cannot be canonicalized: " + e.getMessage(), e);
        }
    }

    /** Parses JSON text (e.g. a stored data snapshot) into a tree. */
    public static JsonNode parse(String json) {
        try {
            return PLAIN.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Canonical text of the hashed members; absent values are JSON {@code null}, times are {@link #timestamp}
     * text and {@code data} is the data object itself.
     */
    public static String entry(long seq, String eventId, String type, String source, String subject, String tenant,
            String actor, String time, String recordedAt, JsonNode data) {
        ObjectNode entry = PLAIN.createObjectNode();
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
        return json(entry);
    }

    /** {@code hex(SHA-256(UTF-8(prevHash + canonical)))}, lower case. */
    public static String hash(String prevHash, String canonical) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((prevHash + canonical).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
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
