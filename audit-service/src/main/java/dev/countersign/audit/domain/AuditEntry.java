package dev.countersign.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One row of the audit log: the ten hashed members ({@code time} and {@code recorded_at} as their hashed text,
 * {@code data} as the JSON tree, its numbers exact), where the event was read ({@code topic}), and its chain links.
 */
public record AuditEntry(long seq, String eventId, String type, String source, String subject, String tenant,
        String actor, String time, String recordedAt, String topic, JsonNode data, String prevHash, String hash) {

    /**
     * The entry that extends the chain at {@code head} with an event: the next seq, chained to the head's hash,
     * filed by {@code facts}, with its hash computed. {@code recordedAt} is kept at microseconds, as stored.
     */
    public static AuditEntry extending(Head head, String eventId, String type, String source, String subject,
            OffsetDateTime time, Instant recordedAt, String topic, JsonNode data, EventFacts facts) {
        long seq = head.seq() + 1;
        AuditEntry unhashed = new AuditEntry(seq, eventId, type, source, subject, facts.tenant(), facts.actor(),
                ChainHash.timestamp(time), ChainHash.timestamp(recordedAt), topic, data, head.hash(), null);
        return unhashed.withHash(unhashed.expectedHash());
    }

    /** The canonical text of this entry's hashed members. */
    public String canonical() {
        return ChainHash.entry(seq, eventId, type, source, subject, tenant, actor, time, recordedAt, data);
    }

    /** The hash this entry must carry given its members and {@code prevHash}. */
    public String expectedHash() {
        return ChainHash.hash(prevHash, canonical());
    }

    /** This entry carrying {@code newHash}. */
    public AuditEntry withHash(String newHash) {
        return new AuditEntry(seq, eventId, type, source, subject, tenant, actor, time, recordedAt, topic, data,
                prevHash, newHash);
    }

    /** The chain head: the last recorded seq (0 when the log is empty) and its hash. */
    public record Head(long seq, String hash) {
        /** The head of an empty log. */
        public static final Head GENESIS = new Head(0, ChainHash.GENESIS);
    }
}
