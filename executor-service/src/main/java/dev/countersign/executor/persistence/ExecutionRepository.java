package dev.countersign.executor.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Execution records. Creation is native SQL on purpose: two copies of the handler (a redelivery, a rebalance)
 * race to create the record of one proposal, and {@code INSERT … ON CONFLICT DO NOTHING} decides that race
 * atomically, the loser then reading the winner's {@code webhook_id} — a {@code persist} would fail the loser's
 * transaction with a unique violation instead. Everything else is entity state; changes lock the row
 * ({@code SELECT … FOR UPDATE}) so the {@link dev.countersign.executor.domain.ExecutionProgress} check and the
 * change it allows are one step.
 */
@ApplicationScoped
public class ExecutionRepository implements PanacheRepositoryBase<ExecutionEntity, ExecutionId> {

    /**
     * Creates the record in {@code delivering} unless it exists, within {@code session}'s transaction, and returns
     * the record as stored: the new one, or the existing one with its original webhook id and attempt count.
     */
    public Uni<ExecutionEntity> createOrGet(Mutiny.Session session, String tenant, String proposalId,
            String webhookId, String action, int actionVersion, Instant now) {
        return session.createNativeQuery("INSERT INTO executions (tenant, proposal_id, webhook_id, action, "
                        + "action_version, state, created_at, updated_at) VALUES (:tenant, :proposal, :webhook, "
                        + ":action, :version, 'delivering', :now, :now) ON CONFLICT (tenant, proposal_id) DO NOTHING")
                .setParameter("tenant", tenant)
                .setParameter("proposal", proposalId)
                .setParameter("webhook", webhookId)
                .setParameter("action", action)
                .setParameter("version", actionVersion)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .flatMap(ignored -> session.find(ExecutionEntity.class, new ExecutionId(tenant, proposalId)));
    }

    /** The record, locked until {@code session}'s transaction ends, or null. */
    public Uni<ExecutionEntity> findForUpdate(Mutiny.Session session, String tenant, String proposalId) {
        return session.find(ExecutionEntity.class, new ExecutionId(tenant, proposalId), LockMode.PESSIMISTIC_WRITE);
    }

    /** The record, or null. */
    public Uni<ExecutionEntity> find(Mutiny.Session session, String tenant, String proposalId) {
        return session.find(ExecutionEntity.class, new ExecutionId(tenant, proposalId));
    }
}
