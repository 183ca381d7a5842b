package dev.countersign.proposal.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Heads of the actions replica. Reads are entity lookups; the two writes stay native SQL on purpose: each is a
 * monotonic upsert ({@code INSERT … ON CONFLICT DO UPDATE … WHERE latest_version < …}) that the database decides
 * atomically, so a redelivered or out-of-order event can never move a head backwards, even when two consumers race
 * during a rebalance. A read-modify-write through the entity could. Both run in the caller's session transaction.
 */
@ApplicationScoped
public class ReplicaHeadRepository implements PanacheRepositoryBase<ReplicaHead, ReplicaHead.Key> {

    /** The head of the action, or null when the replica has never heard of it. */
    public Uni<ReplicaHead> find(String tenant, String assistant, String name) {
        return findById(new ReplicaHead.Key(tenant, assistant, name));
    }

    /** Moves the head to a newer published version (which also reactivates a retired action); never backwards. */
    public Uni<Void> advance(Mutiny.Session session, String tenant, String assistant, String name, int version,
            String status) {
        return session.createNativeQuery("INSERT INTO action_heads (tenant, assistant, name, latest_version, status) "
                        + "VALUES (:tenant, :assistant, :name, :version, :status) "
                        + "ON CONFLICT (tenant, assistant, name) DO UPDATE "
                        + "SET latest_version = EXCLUDED.latest_version, status = EXCLUDED.status, updated_at = now() "
                        + "WHERE action_heads.latest_version < EXCLUDED.latest_version")
                .setParameter("tenant", tenant)
                .setParameter("assistant", assistant)
                .setParameter("name", name)
                .setParameter("version", version)
                .setParameter("status", status)
                .executeUpdate()
                .replaceWithVoid();
    }

    /**
     * Marks the action retired as of {@code version}; ignored when a newer version was already published (an old
     * retirement redelivered must not retire a re-published action).
     */
    public Uni<Void> retire(Mutiny.Session session, String tenant, String assistant, String name, int version) {
        return session.createNativeQuery("INSERT INTO action_heads (tenant, assistant, name, latest_version, status) "
                        + "VALUES (:tenant, :assistant, :name, :version, 'retired') "
                        + "ON CONFLICT (tenant, assistant, name) DO UPDATE "
                        + "SET latest_version = EXCLUDED.latest_version, status = 'retired', updated_at = now() "
                        + "WHERE action_heads.latest_version <= EXCLUDED.latest_version")
                .setParameter("tenant", tenant)
                .setParameter("assistant", assistant)
                .setParameter("name", name)
                .setParameter("version", version)
                .executeUpdate()
                .replaceWithVoid();
    }
}
