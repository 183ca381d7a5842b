package dev.countersign.approval.domain;

import dev.countersign.approval.persistence.ApprovalRepository;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.messaging.OutboxRelay;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Starts the approval of each accepted proposal: the approval row and the event it causes are committed in
 * one transaction (outbox), so a proposal is approved, requested or expired exactly once however often its
 * {@code proposal.accepted} is delivered.
 */
@ApplicationScoped
public class ApprovalService {
    private final Pool pool;
    private final ApprovalRepository repository;
    private final Outbox outbox;
    private final OutboxRelay relay;

    ApprovalService(Pool pool, ApprovalRepository repository, Outbox outbox, OutboxRelay relay) {
        this.pool = pool;
        this.repository = repository;
        this.outbox = outbox;
        this.relay = relay;
    }

    /**
     * Applies an accepted proposal (already checked with {@link ApprovalPolicy#problems}); answers whether it
     * was new. A proposal that already has an approval row is left as it is and publishes nothing: its
     * event was committed with that row and is published by the relay.
     *
     * @param snapshot the accepted event's data as received
     */
    public Uni<Boolean> accept(String acceptedEventId, ProposalAccepted proposal, String snapshot) {
        // Milliseconds: what PostgreSQL and the published event agree on, so the API shows the same instant.
        Arrival arrival = ApprovalPolicy.arrive(proposal, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return pool.withTransaction(tx -> repository.insert(tx, arrival, acceptedEventId, snapshot)
                        .flatMap(inserted -> !inserted
                                ? Uni.createFrom().item(false)
                                : outbox.add(tx, OutboxEvent.of(arrival.eventType(), proposal.proposalId(),
                                        arrival.eventData())).replaceWith(true)))
                .invoke(inserted -> {
                    if (inserted) {
                        relay.wake();
                        Log.infof("proposal %s of tenant %s: %s (%s)", proposal.proposalId(), proposal.tenant(),
                                arrival.state().wire(), proposal.approvalMode());
                    } else {
                        Log.infof("proposal %s of tenant %s already has an approval; accepted event %s ignored",
                                proposal.proposalId(), proposal.tenant(), acceptedEventId);
                    }
                });
    }
}
