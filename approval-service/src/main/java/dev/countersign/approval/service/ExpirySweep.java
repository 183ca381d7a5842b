package dev.countersign.approval.service;

import dev.countersign.approval.config.ApprovalConfig;
import dev.countersign.approval.domain.DecisionRules;
import dev.countersign.approval.persistence.ApprovalEntity;
import dev.countersign.approval.persistence.ApprovalRepository;
import dev.countersign.kit.persistence.Transactions;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Expires pending approvals past their deadline ({@code proposal.expired}), every
 * {@code countersign.approval.expiry.every}. Durable: the deadline is in the row, so a sweep after downtime
 * catches up with everything due. Safe with several replicas: each batch locks its rows with
 * {@code FOR UPDATE SKIP LOCKED}, so two sweeps never expire the same approval, and a decision racing the sweep
 * waits for the row lock and then finds it expired.
 */
@ApplicationScoped
public class ExpirySweep {
    private final Transactions transactions;
    private final ApprovalRepository approvals;
    private final ApprovalStore store;
    private final ApprovalConfig config;

    ExpirySweep(Transactions transactions, ApprovalRepository approvals, ApprovalStore store, ApprovalConfig config) {
        this.transactions = transactions;
        this.approvals = approvals;
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${countersign.approval.expiry.every:10s}", delayed = "${countersign.approval.expiry.every:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return expireDue(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .onFailure().invoke(f -> Log.warnf("expiry sweep failed, next run retries: %s", f.toString()))
                .onFailure().recoverWithItem(0)
                .replaceWithVoid();
    }

    /** Expires every approval due at {@code now}, a batch per transaction; answers how many. */
    public Uni<Integer> expireDue(Instant now) {
        int batch = config.expiry().batchSize();
        return expireBatch(now, batch).flatMap(n -> n < batch ? Uni.createFrom().item(n)
                : expireDue(now).map(m -> m + n));
    }

    private Uni<Integer> expireBatch(Instant now, int limit) {
        return transactions.<Integer>write(session -> approvals.lockDueForExpiry(session, now, limit)
                .flatMap(keys -> expireEach(session, keys, now).replaceWith(keys.size())))
                .invoke(n -> {
                    if (n > 0) {
                        Log.infof("expired %d approvals past their deadline", n);
                    }
                });
    }

    private Uni<Void> expireEach(org.hibernate.reactive.mutiny.Mutiny.Session session, List<ApprovalEntity.Key> keys,
            Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ApprovalEntity.Key key : keys) {
            chain = chain.chain(() -> approvals.findById(key).flatMap(row ->
                    store.save(session, row, DecisionRules.expire(row.view(List.of())), now)));
        }
        return chain;
    }
}
