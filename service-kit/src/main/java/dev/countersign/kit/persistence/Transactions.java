package dev.countersign.kit.persistence;

import dev.countersign.kit.messaging.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The one way a service changes state: {@code work} runs in one Hibernate Reactive transaction (the Panache
 * session of the current Vert.x context, so entity operations and the native SQL {@code work} issues on the
 * session — outbox rows, inbox ids, {@code ON CONFLICT} races — commit together or not at all), and after the
 * commit the outbox relay is woken to publish what the transaction wrote.
 */
@ApplicationScoped
public class Transactions {
    private final OutboxRelay relay;

    Transactions(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Runs {@code work} in a transaction, commits, then wakes the relay; a failure rolls everything back. */
    public <T> Uni<T> write(Function<Mutiny.Session, Uni<? extends T>> work) {
        return Panache.withTransaction(() -> Panache.getSession().<T>flatMap(work))
                .invoke(ignored -> relay.wake());
    }

    /** Runs {@code work} with a session and no transaction of its own (reads). */
    public <T> Uni<T> read(Function<Mutiny.Session, Uni<? extends T>> work) {
        return Panache.withSession(() -> Panache.getSession().<T>flatMap(work));
    }
}
