package dev.countersign.executor.service;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.DryRunCompleted;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.persistence.Inbox;
import dev.countersign.kit.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The transactions of a dry run. A dry run keeps no record of its own (it never creates an execution): the
 * request's event id goes into the kit's inbox together with the {@code dryrun.completed} event (outbox) in one
 * transaction, so a redelivered request is recognised and not run again, and an answer exists exactly when its
 * request is marked done. Must be called on the Vert.x context of the event being handled (Hibernate Reactive).
 */
@ApplicationScoped
public class DryRunStore {
    /** The inbox consumer name of dry-run requests. */
    static final String CONSUMER = "executor-service.dry-run";

    private final Transactions transactions;
    private final Inbox inbox;
    private final Outbox outbox;

    DryRunStore(Transactions transactions, Inbox inbox, Outbox outbox) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /**
     * Whether the request {@code eventId} was answered already. Read before running, so a redelivery neither calls
     * a dry-run endpoint again nor answers twice; only a crash between the call and {@link #complete} repeats one
     * (with the same {@code webhook-id}).
     */
    public Uni<Boolean> answered(String eventId) {
        // the kit's Inbox only records; this read of its table is the check-before-acting a slow effect needs
        return transactions.read(session -> session.createNativeQuery(
                        "SELECT 1 FROM processed_events WHERE consumer = :consumer AND event_id = :id")
                .setParameter("consumer", CONSUMER)
                .setParameter("id", eventId)
                .getResultList()
                .map(rows -> !rows.isEmpty()));
    }

    /**
     * Marks request {@code eventId} done and adds its {@code dryrun.completed} in one transaction; false (and
     * nothing added) when another copy of the handler answered it meanwhile.
     */
    public Uni<Boolean> complete(String eventId, DryRunCompleted completed) {
        // a deterministic id: re-added in a retried transaction, the outbox keeps one
        OutboxEvent event = new OutboxEvent("dryrun-completed:" + eventId, EventTypes.DRYRUN_COMPLETED,
                completed.proposalId(), completed.proposalId(), completed);
        return transactions.write(session -> inbox.firstDelivery(session, CONSUMER, eventId)
                .flatMap(first -> first ? outbox.add(session, event).replaceWith(true) : Uni.createFrom().item(false)));
    }
}
