package dev.countersign.executor.service;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.ErrorInfo;
import dev.countersign.contracts.events.ExecutionAttempted;
import dev.countersign.contracts.events.ExecutionFailed;
import dev.countersign.contracts.events.ExecutionSucceeded;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.executor.domain.ExecutionResult;
import dev.countersign.executor.domain.ExecutionState;
import dev.countersign.executor.domain.Outcome;
import dev.countersign.executor.domain.WebhookIds;
import dev.countersign.executor.persistence.ExecutionEntity;
import dev.countersign.executor.persistence.ExecutionRepository;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The transactions of an execution: each change of the record commits together with its events (outbox) in one
 * {@link Transactions#write}, so an event exists exactly when its state change does. Changes lock the record
 * and are refused (answer false) when another copy of the handler moved it on since the caller last saw it.
 * Must be called on the Vert.x context of the event being handled (Hibernate Reactive).
 */
@ApplicationScoped
public class ExecutionStore {
    private final Transactions transactions;
    private final ExecutionRepository repository;
    private final Outbox outbox;

    ExecutionStore(Transactions transactions, ExecutionRepository repository, Outbox outbox) {
        this.transactions = transactions;
        this.repository = repository;
        this.outbox = outbox;
    }

    /**
     * Creates the record in {@code delivering} with a fresh webhook id unless it exists, and returns it as stored:
     * the new one, or the existing one with its original webhook id and attempt count.
     */
    public Uni<ExecutionEntity> open(ProposalApproved approved) {
        return transactions.write(session -> repository.createOrGet(session, approved.tenant(), approved.proposalId(),
                WebhookIds.newId(), approved.action(), approved.actionVersion(), Instant.now()));
    }

    /** The record of {@code proposalId} in {@code tenant}, or null. */
    public Uni<ExecutionEntity> find(String tenant, String proposalId) {
        return transactions.read(session -> repository.find(session, tenant, proposalId));
    }

    /**
     * Commits a non-final attempt ({@code attempts + 1}) and its {@code execution.attempted} event; false if the
     * record moved on meanwhile (another delivery recorded this attempt or finished).
     */
    public Uni<Boolean> recordAttempt(String webhookId, ExecutionAttempted attempted) {
        return transactions.write(session -> repository.findForUpdate(session, attempted.tenant(),
                        attempted.proposalId())
                .flatMap(record -> record == null
                        || !record.recordAttempt(attempted.attempt(), attempted.httpStatus(), Instant.now())
                        ? Uni.createFrom().item(false)
                        : outbox.add(session, attemptedEvent(webhookId, attempted)).replaceWith(true)));
    }

    /**
     * Commits the final state, the last attempt's event (if one was made) and the succeeded/failed event in one
     * transaction; false if the record was no longer delivering at {@code expected} attempts.
     *
     * @param expected attempts recorded before; {@code attempts} the total including {@code attempted}
     */
    public Uni<Boolean> finish(ProposalApproved approved, String webhookId, int expected,
            ExecutionAttempted attempted, Outcome outcome, int attempts) {
        ExecutionState state = outcome instanceof Outcome.Succeeded ? ExecutionState.SUCCEEDED : ExecutionState.FAILED;
        Object data;
        if (outcome instanceof Outcome.Succeeded s) {
            data = new ExecutionSucceeded(approved.proposalId(), approved.tenant(), attempts, s.httpStatus(),
                    s.message(), s.data());
        } else {
            Outcome.Failed f = (Outcome.Failed) outcome;
            data = new ExecutionFailed(approved.proposalId(), approved.tenant(), attempts, f.httpStatus(),
                    new ErrorInfo(f.code(), f.message()));
        }
        String type = state == ExecutionState.SUCCEEDED ? EventTypes.EXECUTION_SUCCEEDED : EventTypes.EXECUTION_FAILED;
        // deterministic ids: an event re-added in a retried transaction is deduplicated by the outbox
        OutboxEvent finalEvent = new OutboxEvent(webhookId + ":" + state.value(), type, approved.proposalId(),
                approved.proposalId(), data);
        return transactions.write(session -> repository.findForUpdate(session, approved.tenant(),
                        approved.proposalId())
                .flatMap(record -> {
                    if (record == null || !record.finish(state, expected, attempts, outcome.httpStatus(),
                            ExecutionResult.of(outcome), Instant.now())) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Void> attemptEvent = attempted == null ? Uni.createFrom().voidItem()
                            : outbox.add(session, attemptedEvent(webhookId, attempted));
                    return attemptEvent.flatMap(v -> outbox.add(session, finalEvent)).replaceWith(true);
                }));
    }

    private static OutboxEvent attemptedEvent(String webhookId, ExecutionAttempted attempted) {
        return new OutboxEvent(webhookId + ":attempt:" + attempted.attempt(), EventTypes.EXECUTION_ATTEMPTED,
                attempted.proposalId(), attempted.proposalId(), attempted);
    }
}
