package dev.countersign.kit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.contracts.Json;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly when the
 * state change that caused it was committed (no dual write). Native SQL in the caller's {@link Mutiny.Session}
 * (see {@link dev.countersign.kit.persistence.Transactions}): the row is a queue entry, not entity state, and
 * {@code ON CONFLICT} makes a repeated add of the same event id a no-op.
 */
@ApplicationScoped
public class Outbox {

    /** Adds {@code event} to the outbox within {@code session}'s transaction; a second add of the same id is ignored. */
    public Uni<Void> add(Mutiny.Session session, OutboxEvent event) {
        String data;
        try {
            data = Json.mapper().writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data is not serialisable", e));
        }
        return session.createNativeQuery("INSERT INTO outbox (event_id, type, subject, kafka_key, data) "
                        + "VALUES (:id, :type, CAST(:subject AS text), CAST(:key AS text), :data) ON CONFLICT (event_id) DO NOTHING")
                .setParameter("id", event.id())
                .setParameter("type", event.type())
                .setParameter("subject", event.subject())
                .setParameter("key", event.key())
                .setParameter("data", data)
                .executeUpdate()
                .replaceWithVoid();
    }
}
