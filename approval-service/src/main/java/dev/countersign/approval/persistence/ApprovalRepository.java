package dev.countersign.approval.persistence;

import dev.countersign.approval.domain.ApprovalFilter;
import dev.countersign.approval.domain.ApprovalStatus;
import dev.countersign.approval.domain.Viewer;
import dev.countersign.contracts.events.RequiredApproval;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Queries over {@code approvals}; runs in the session of the caller's
 * {@link dev.countersign.kit.persistence.Transactions} unit of work.
 */
@ApplicationScoped
public class ApprovalRepository implements PanacheRepositoryBase<ApprovalEntity, ApprovalEntity.Key> {
    // "May this viewer decide it" in the query itself, so a page holds only decidable rows: the right role or the
    // end user (who is not the submitter); not the proposer under forbid_self_approval; not decided by the viewer on
    // the current revision and digest. NAMED alone (no bars) is what a viewer may read.
    private static final String NAMED = "((a.approver = 'end_user' and a.endUserId = :subject) or a.approver in :roles)";
    private static final String NOT_SUBMITTER_AS_END_USER = "(a.approver <> 'end_user' "
            + "or coalesce(a.submittedBy, '') <> :subject)";
    private static final String NOT_SELF = "(a.forbidSelfApproval = false or (coalesce(a.endUserId, '') <> :subject "
            + "and coalesce(a.submittedBy, '') <> :subject))";
    private static final String DECIDED_BY_VIEWER = "exists (from DecisionEntity d where d.tenant = a.tenant "
            + "and d.proposalId = a.proposalId and d.actor = :subject";

    /**
     * The row of {@code key} locked for update ({@code SELECT … FOR UPDATE}) until the transaction ends, so two
     * decisions on one approval (REST and Kafka racing) are applied one after the other; null when absent.
     */
    public Uni<ApprovalEntity> lock(ApprovalEntity.Key key) {
        return findById(key, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * A page of the viewer's tenant's approvals ordered by proposal id. {@code decidableOnly}: only those the
     * viewer may decide now. Otherwise {@code wholeTenant}: all of them; else only those the policy names the
     * viewer for or the viewer decided.
     */
    public Uni<List<ApprovalEntity>> page(Viewer viewer, ApprovalFilter filter, Instant now, boolean decidableOnly,
            boolean wholeTenant) {
        StringBuilder q = new StringBuilder("from ApprovalEntity a where a.tenant = :tenant");
        Parameters p = Parameters.with("tenant", viewer.tenant());
        if (filter.status() != null) {
            q.append(" and a.status = :status");
            p.and("status", filter.status());
        }
        if (filter.assistant() != null) {
            q.append(" and a.assistant = :assistant");
            p.and("assistant", filter.assistant());
        }
        if (filter.action() != null) {
            q.append(" and a.action = :action");
            p.and("action", filter.action());
        }
        if (filter.after() != null) {
            q.append(" and a.proposalId > :after");
            p.and("after", filter.after());
        }
        if (decidableOnly) {
            q.append(" and a.status = :pending and a.expiresAt > :now and a.dryRunPending = false and ")
                    .append(NAMED).append(" and ").append(NOT_SELF).append(" and ").append(NOT_SUBMITTER_AS_END_USER)
                    .append(" and not ").append(DECIDED_BY_VIEWER)
                    .append(" and d.revision = a.revision and d.digest = a.digest)");
            p.and("pending", ApprovalStatus.PENDING).and("now", now).and("subject", viewer.subject())
                    .and("roles", roleApprovers(viewer));
        } else if (!wholeTenant) {
            q.append(" and (").append(NAMED).append(" or ").append(DECIDED_BY_VIEWER).append("))");
            p.and("subject", viewer.subject()).and("roles", roleApprovers(viewer));
        }
        q.append(" order by a.proposalId");
        return find(q.toString(), p).page(0, filter.limit()).list();
    }

    /**
     * Keys of up to {@code limit} pending approvals past their deadline, locked for this transaction; rows another
     * replica's sweep holds are skipped ({@code FOR UPDATE SKIP LOCKED}), so replicas share the work.
     */
    @SuppressWarnings("unchecked")
    public Uni<List<ApprovalEntity.Key>> lockDueForExpiry(Mutiny.Session session, Instant now, int limit) {
        return session.createNativeQuery("SELECT tenant, proposal_id FROM approvals WHERE status = 'pending' "
                        + "AND expires_at <= :now ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED", Object[].class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> {
                    List<ApprovalEntity.Key> keys = new ArrayList<>();
                    for (Object[] row : rows) {
                        keys.add(new ApprovalEntity.Key((String) row[0], (String) row[1]));
                    }
                    return keys;
                });
    }

    // The approver spellings the viewer's groups satisfy; never empty (an empty IN list is not valid SQL).
    private static List<String> roleApprovers(Viewer viewer) {
        List<String> roles = new ArrayList<>();
        roles.add(RequiredApproval.ROLE_PREFIX);
        viewer.groups().forEach(g -> roles.add(RequiredApproval.ROLE_PREFIX + g));
        return roles;
    }
}
