package dev.countersign.kit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.contracts.Json;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly when the
 * state change that caused it was committed (no dual write).
 */
@ApplicationScoped
public class Outbox {

    /** Adds {@code event} to the outbox within {@code tx}; a second add of the same event id is ignored. */
    public Uni<Void> add(SqlClient tx, OutboxEvent event) {
        String data;
        try {
            data = Json.mapper().writeValueAsString(event.data());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data is not serialisable", e));
        }
        return tx.preparedQuery("INSERT INTO outbox (event_id, type, subject, kafka_key, data) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.of(event.id(), event.type(), event.subject(), event.key(), data))
                .replaceWithVoid();
    }
}
