package dev.countersign.kit.persistence;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Ids of events a consumer has already applied ({@code processed_events}), recorded in the same transaction as the
 * effect, so a redelivered event is a no-op. Native SQL on purpose: {@code INSERT … ON CONFLICT DO NOTHING} decides
 * a race between two deliveries atomically, which a read-then-insert through an entity cannot.
 */
@ApplicationScoped
public class Inbox {

    /**
     * Records that {@code consumer} applied {@code eventId} within {@code session}'s transaction; answers true the
     * first time, false when it was already recorded (the caller then applies nothing).
     */
    public Uni<Boolean> firstDelivery(Mutiny.Session session, String consumer, String eventId) {
        return session.createNativeQuery("INSERT INTO processed_events (consumer, event_id) VALUES (:consumer, :id) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter("consumer", consumer)
                .setParameter("id", eventId)
                .executeUpdate()
                .map(rows -> rows == 1);
    }
}
