package dev.countersign.approval.service;

import dev.countersign.approval.domain.ApprovalFilter;
import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.Viewer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads approvals for a {@link Viewer} (REST, the inbox, links): only the viewer's tenant, only what it may see.
 * With {@code status = pending} a list holds only what the viewer may decide now.
 */
@ApplicationScoped
public class ApprovalQueries {

    /** The approval of {@code proposalId}; unknown, another tenant's or not visible to the viewer: 404 not_found. */
    public Uni<ApprovalView> find(Viewer viewer, String proposalId) {
        return Uni.createFrom().failure(new UnsupportedOperationException("not yet"));
    }

    /** A page of the viewer's tenant's approvals, ordered by proposal id, narrowed by {@code filter}. */
    public Uni<List<ApprovalView>> list(Viewer viewer, ApprovalFilter filter) {
        return Uni.createFrom().failure(new UnsupportedOperationException("not yet"));
    }
}
