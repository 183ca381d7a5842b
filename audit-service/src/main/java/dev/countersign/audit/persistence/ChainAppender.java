package dev.countersign.audit.persistence;

import dev.countersign.audit.domain.AuditEntry;
import dev.countersign.audit.domain.AuditEntry.Head;
import dev.countersign.audit.domain.EventFacts;
import dev.countersign.kit.json.CanonicalJson;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The chain append, in the caller's {@link Mutiny.Session} transaction: lock the head, insert the row that extends
 * it, advance the head. Native SQL on purpose, because here SQL is the point: {@code SELECT … FOR UPDATE} on the
 * one head row is what serialises appenders and keeps {@code seq} gap-free, and {@code INSERT … ON CONFLICT DO
 * NOTHING} over the unique index {@code audit_log_event_once} decides a redelivery atomically (using no seq). An
 * entity cannot express either, and {@link AuditRow} is read-only.
 */
@ApplicationScoped
public class ChainAppender {

    /** Locks the chain head for the rest of the transaction and returns it. */
    public Uni<Head> lockHead(Mutiny.Session session) {
        return session.createNativeQuery("SELECT seq, hash FROM chain_head FOR UPDATE", Object[].class)
                .getSingleResult()
                .map(row -> new Head(((Number) row[0]).longValue(), (String) row[1]));
    }

    /**
     * Inserts {@code entry} (which must extend the locked head); answers false, changing nothing, when the event
     * (same source, id and tenant) was already recorded.
     */
    public Uni<Boolean> insert(Mutiny.Session session, AuditEntry entry, EventFacts facts) {
        return session.createNativeQuery("INSERT INTO audit_log (seq, event_id, type, source, subject, tenant, actor, "
                        + "time, recorded_at, topic, data, proposal_id, conversation_id, prev_hash, hash) "
                        + "VALUES (:seq, :eventId, :type, :source, CAST(:subject AS text), CAST(:tenant AS text), "
                        + ":actor, CAST(:time AS timestamptz), CAST(:recordedAt AS timestamptz), :topic, "
                        // The canonical text itself, bound as text and parsed by PostgreSQL (bound as json, the
                        // driver would store it as one JSON string); a json column keeps it byte for byte.
                        + "CAST(CAST(:data AS text) AS json), CAST(:proposalId AS text), CAST(:conversationId AS text), "
                        + ":prevHash, :hash) "
                        // the arbiter is the unique index audit_log_event_once (V2): same source, id and tenant
                        + "ON CONFLICT (source, event_id, (coalesce(tenant, ''))) DO NOTHING")
                .setParameter("seq", entry.seq())
                .setParameter("eventId", entry.eventId())
                .setParameter("type", entry.type())
                .setParameter("source", entry.source())
                .setParameter("subject", entry.subject())
                .setParameter("tenant", entry.tenant())
                .setParameter("actor", entry.actor())
                .setParameter("time", timestamp(entry.time()))
                .setParameter("recordedAt", timestamp(entry.recordedAt()))
                .setParameter("topic", entry.topic())
                .setParameter("data", CanonicalJson.of(entry.data()))
                .setParameter("proposalId", facts.proposalId())
                .setParameter("conversationId", facts.conversationId())
                .setParameter("prevHash", entry.prevHash())
                .setParameter("hash", entry.hash())
                .executeUpdate()
                .map(rows -> rows == 1);
    }

    /** Moves the locked head onto {@code entry}, just inserted. */
    public Uni<Void> advance(Mutiny.Session session, AuditEntry entry) {
        return session.createNativeQuery("UPDATE chain_head SET seq = :seq, hash = :hash")
                .setParameter("seq", entry.seq())
                .setParameter("hash", entry.hash())
                .executeUpdate()
                .replaceWithVoid();
    }

    private static OffsetDateTime timestamp(String text) {
        return text == null ? null : Instant.parse(text).atOffset(ZoneOffset.UTC);
    }
}
