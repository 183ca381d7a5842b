package dev.countersign.proposal.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The proposals this service received, and the conflicting bodies it rejected. Proposals are entities; the
 * conflict marker is native SQL on purpose: {@code INSERT … ON CONFLICT DO NOTHING} decides "first time this body
 * conflicted?" atomically even when two copies of it race, which a read-then-insert cannot.
 */
@ApplicationScoped
public class ProposalRepository implements PanacheRepositoryBase<Proposal, Proposal.Key> {

    /** The proposal, or null; runs on the current Panache session. */
    public Uni<Proposal> find(String tenant, String proposalId) {
        return findById(new Proposal.Key(tenant, proposalId));
    }

    /**
     * Records within {@code session}'s transaction that {@code bodyHash} conflicted with the stored proposal; true
     * the first time only.
     */
    public Uni<Boolean> firstConflict(Mutiny.Session session, String tenant, String proposalId, String bodyHash) {
        return session.createNativeQuery("INSERT INTO proposal_conflicts (tenant, proposal_id, body_hash) "
                        + "VALUES (:tenant, :id, :hash) ON CONFLICT DO NOTHING")
                .setParameter("tenant", tenant)
                .setParameter("id", proposalId)
                .setParameter("hash", bodyHash)
                .executeUpdate()
                .map(rows -> rows == 1);
    }
}
