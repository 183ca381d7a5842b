package dev.countersign.approval.persistence;

import dev.countersign.approval.domain.ApprovalState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Queries over {@code approvals}; runs in the session of the caller's
 * {@link dev.countersign.kit.persistence.Transactions} unit of work.
 */
@ApplicationScoped
public class ApprovalRepository implements PanacheRepositoryBase<ApprovalEntity, ApprovalEntity.Key> {

    /**
     * A page of the tenant's approvals ordered by proposal id, optionally in one state, starting after the
     * proposal id {@code after} (keyset pagination: stable while rows are added).
     */
    public Uni<List<ApprovalEntity>> page(String tenant, ApprovalState state, String after, int limit) {
        StringBuilder query = new StringBuilder("tenant = :tenant");
        Parameters parameters = Parameters.with("tenant", tenant);
        if (state != null) {
            query.append(" and state = :state");
            parameters.and("state", state);
        }
        if (after != null) {
            query.append(" and proposalId > :after");
            parameters.and("after", after);
        }
        return find(query.toString(), Sort.by("proposalId"), parameters).page(0, limit).list();
    }
}
