package dev.countersign.approval.service;

import dev.countersign.approval.domain.ApprovalFilter;
import dev.countersign.approval.domain.ApprovalStatus;
import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.Viewer;
import dev.countersign.approval.persistence.ApprovalEntity;
import dev.countersign.approval.persistence.ApprovalRepository;
import dev.countersign.approval.persistence.DecisionRepository;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.persistence.Transactions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Reads approvals for a {@link Viewer} (REST, the inbox, links): only the viewer's tenant, only what it may see.
 * One approval and lists follow one rule: admins and auditors see the whole tenant's, everyone else those the policy
 * names them for or they decided ({@link ApprovalView#visibleTo}). A list with {@code status = pending} holds only
 * what the viewer may decide now.
 */
@ApplicationScoped
public class ApprovalQueries {
    private final Transactions transactions;
    private final ApprovalRepository approvals;
    private final DecisionRepository decisions;

    ApprovalQueries(Transactions transactions, ApprovalRepository approvals, DecisionRepository decisions) {
        this.transactions = transactions;
        this.approvals = approvals;
        this.decisions = decisions;
    }

    /** The approval of {@code proposalId}; unknown, another tenant's or not visible to the viewer: 404 not_found. */
    public Uni<ApprovalView> find(Viewer viewer, String proposalId) {
        return load(viewer.tenant(), proposalId).map(view -> {
            if (view == null || !view.visibleTo(viewer)) {
                throw DomainException.notFound("approval not found");
            }
            return view;
        });
    }

    /**
     * The approval of {@code proposalId} in {@code tenant} whoever asks; unknown: 404 not_found. Only for a caller
     * that has its own proof of access and checks eligibility itself (a signed one-time link: its holder is refused
     * 403 {@code not_eligible} rather than told the approval does not exist, as using the link would answer).
     */
    public Uni<ApprovalView> findForLink(String tenant, String proposalId) {
        return load(tenant, proposalId).map(view -> {
            if (view == null) {
                throw DomainException.notFound("approval not found");
            }
            return view;
        });
    }

    private Uni<ApprovalView> load(String tenant, String proposalId) {
        return transactions.<ApprovalView>read(session -> approvals.findById(new ApprovalEntity.Key(tenant, proposalId))
                .flatMap(row -> row == null ? Uni.createFrom().<ApprovalView>nullItem()
                        : decisions.of(row.tenant, row.proposalId).map(row::view)));
    }

    /** A page of the viewer's tenant's approvals, ordered by proposal id, narrowed by {@code filter}. */
    public Uni<List<ApprovalView>> list(Viewer viewer, ApprovalFilter filter) {
        Instant now = Instant.now();
        boolean decidableOnly = filter.status() == ApprovalStatus.PENDING;
        boolean wholeTenant = viewer.readsWholeTenant();
        return transactions.<List<ApprovalView>>read(session -> approvals.page(viewer, filter, now, decidableOnly,
                        wholeTenant)
                .flatMap(rows -> decisions.of(viewer.tenant(), rows.stream().map(r -> r.proposalId).toList())
                        .map(byId -> rows.stream()
                                .map(r -> r.view(byId.getOrDefault(r.proposalId, List.of())))
                                // The query decides; this keeps the page honest should the two ever disagree.
                                .filter(v -> !decidableOnly || v.mayDecide(viewer, now))
                                .toList())));
    }
}
