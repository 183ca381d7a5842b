package dev.countersign.approval.service;

import dev.countersign.approval.domain.ApprovalStatus;
import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.domain.DecisionRecord;
import dev.countersign.approval.domain.Emitted;
import dev.countersign.approval.domain.Transition;
import dev.countersign.approval.persistence.ApprovalEntity;
import dev.countersign.approval.persistence.ApprovalRepository;
import dev.countersign.approval.persistence.DecisionEntity;
import dev.countersign.approval.persistence.DecisionRepository;
import dev.countersign.contracts.events.Decider;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Loads approvals for a change and writes a {@link Transition} back: the row, the recorded decision and the
 * events (outbox) in the caller's transaction, so a state change and its event commit together or not at all.
 */
@ApplicationScoped
class ApprovalStore {
    private final ApprovalRepository approvals;
    private final DecisionRepository decisions;
    private final Outbox outbox;

    ApprovalStore(ApprovalRepository approvals, DecisionRepository decisions, Outbox outbox) {
        this.approvals = approvals;
        this.decisions = decisions;
        this.outbox = outbox;
    }

    /** A locked row and its view; both null when there is no such approval. */
    record Locked(ApprovalEntity row, ApprovalView view) {
    }

    /** The approval of {@code (tenant, proposalId)} locked until the transaction ends, with its decisions. */
    Uni<Locked> lock(String tenant, String proposalId) {
        return approvals.lock(new ApprovalEntity.Key(tenant, proposalId)).flatMap(row -> row == null
                ? Uni.createFrom().item(new Locked(null, null))
                : decisions.of(tenant, proposalId).map(list -> new Locked(row, row.view(list))));
    }

    /** Writes {@code transition} of {@code row} within {@code session}'s transaction. */
    Uni<Void> save(Mutiny.Session session, ApprovalEntity row, Transition transition, Instant now) {
        ApprovalView after = transition.after();
        row.apply(after, now);
        row.decidedBy = finalDeciders(after);
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (transition.recorded() != null) {
            DecisionEntity decision = DecisionEntity.of(row.tenant, row.proposalId, transition.recorded());
            chain = chain.chain(() -> session.persist(decision));
        }
        return chain.chain(() -> publish(session, row.proposalId, transition.events()));
    }

    /** Adds {@code events} about {@code proposalId} to the outbox, in order. */
    Uni<Void> publish(Mutiny.Session session, String proposalId, List<Emitted> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Emitted e : events) {
            chain = chain.chain(() -> outbox.add(session, OutboxEvent.of(e.type(), proposalId, e.data())));
        }
        return chain;
    }

    /** {@code decided_by} of a final approval: the approvals that counted, or the denial; empty otherwise. */
    static List<Decider> finalDeciders(ApprovalView view) {
        List<Decider> out = new ArrayList<>();
        if (view.status() == ApprovalStatus.APPROVED) {
            view.countingApprovals().forEach(d -> out.add(d.toDecider()));
        } else if (view.status() == ApprovalStatus.DENIED) {
            view.decisions().stream().filter(d -> d.decision() == Decision.DENY).map(DecisionRecord::toDecider)
                    .forEach(out::add);
        }
        return out;
    }
}
