package dev.countersign.proposal.persistence;

import dev.countersign.contracts.actions.ActionDefinition;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Published versions in the actions replica: each stored once, as received, and never changed. */
@ApplicationScoped
public class ReplicaVersionRepository implements PanacheRepositoryBase<ReplicaVersion, ReplicaVersion.Key> {

    /** The stored version, or null. */
    public Uni<ReplicaVersion> find(String tenant, String assistant, String name, int version) {
        return findById(new ReplicaVersion.Key(tenant, assistant, name, version));
    }

    /**
     * Stores a published version unless it is already there (a version is immutable, so a redelivered copy is
     * ignored). Two consumers racing on the same version during a rebalance make one insert fail with a unique
     * violation, which the kit's intake retries; the retry then finds the row.
     */
    public Uni<Void> store(String tenant, String assistant, String name, int version, ActionDefinition definition) {
        return find(tenant, assistant, name, version).flatMap(existing -> existing != null
                ? Uni.createFrom().voidItem()
                : persist(new ReplicaVersion(tenant, assistant, name, version, definition)).replaceWithVoid());
    }
}
