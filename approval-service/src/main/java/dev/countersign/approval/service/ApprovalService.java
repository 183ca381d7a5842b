package dev.countersign.approval.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.approval.domain.ApprovalPolicy;
import dev.countersign.approval.domain.ApprovalState;
import dev.countersign.approval.domain.Arrival;
import dev.countersign.approval.persistence.ApprovalEntity;
import dev.countersign.approval.persistence.ApprovalRepository;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.persistence.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Starts the approval of each accepted proposal and reads approvals for the API. The approval row and the event
 * it causes commit in one transaction (outbox), so a proposal is approved, requested or expired exactly once
 * however often its {@code proposal.accepted} is delivered.
 *
 * <p>Insert-if-absent without native SQL: a redelivery finds the row and changes nothing. Two copies of one
 * proposal racing (possible only while a partition moves between replicas, as the key is the proposal id) both
 * miss the row; the primary key {@code (tenant, proposal_id)} lets one commit and fails the other with a unique
 * violation, which rolls back its outbox row too. The kit's intake retries a unique violation, and the retry
 * takes the "already there" path: the same guarantee {@code ON CONFLICT DO NOTHING} gave, decided by the same key.
 */
@ApplicationScoped
public class ApprovalService {
    private final Transactions transactions;
    private final ApprovalRepository approvals;
    private final Outbox outbox;

    ApprovalService(Transactions transactions, ApprovalRepository approvals, Outbox outbox) {
        this.transactions = transactions;
        this.approvals = approvals;
        this.outbox = outbox;
    }

    /**
     * Applies an accepted proposal (already checked with {@link ApprovalPolicy#problems}); answers whether it
     * was new. A proposal that already has an approval row is left as it is and publishes nothing: its event
     * was committed with that row and is published by the relay.
     *
     * @param snapshot the accepted event's data as received, stored whole
     */
    public Uni<Boolean> accept(String acceptedEventId, ProposalAccepted proposal, ObjectNode snapshot) {
        // Milliseconds: what PostgreSQL and the published event agree on, so the API shows the same instant.
        Arrival arrival = ApprovalPolicy.arrive(proposal, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        ApprovalEntity row = ApprovalEntity.arrived(arrival, acceptedEventId, snapshot);
        return transactions.<Boolean>write(session -> approvals.findById(row.key()).flatMap(existing -> existing != null
                        ? Uni.createFrom().item(false)
                        : approvals.persist(row)
                                .chain(() -> outbox.add(session, OutboxEvent.of(arrival.eventType(),
                                        proposal.proposalId(), arrival.eventData())))
                                .replaceWith(true)))
                .invoke(inserted -> {
                    if (inserted) {
                        Log.infof("proposal %s of tenant %s: %s (%s)", proposal.proposalId(), proposal.tenant(),
                                arrival.state().wire(), proposal.approvalMode());
                    } else {
                        Log.infof("proposal %s of tenant %s already has an approval; accepted event %s ignored",
                                proposal.proposalId(), proposal.tenant(), acceptedEventId);
                    }
                });
    }

    /** The tenant's approval of {@code proposalId}; another tenant's or an unknown one is not found. */
    public Uni<ApprovalEntity> find(String tenant, String proposalId) {
        return transactions.<ApprovalEntity>read(session -> approvals.findById(new ApprovalEntity.Key(tenant, proposalId)))
                .onItem().ifNull().failWith(() -> DomainException.notFound("approval not found"));
    }

    /** A page of the tenant's approvals ordered by proposal id; see {@link ApprovalRepository#page}. */
    public Uni<List<ApprovalEntity>> page(String tenant, ApprovalState state, String after, int limit) {
        return transactions.read(session -> approvals.page(tenant, state, after, limit));
    }
}
