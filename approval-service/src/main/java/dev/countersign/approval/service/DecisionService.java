package dev.countersign.approval.service;

import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.DecisionCommand;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides: the one path every channel (REST, inbox, link, chat) takes. Fails with a
 * {@link dev.countersign.kit.domain.DomainException}: 404 {@code not_found}, 403 {@code not_eligible}, 409
 * {@code already_decided | expired | stale_digest | dry_run_pending}, 422 {@code invalid_parameters} (with
 * {@code errors[]}).
 */
@ApplicationScoped
public class DecisionService {

    /** Applies {@code command}; answers the approval as it stands afterwards. */
    public Uni<ApprovalView> decide(DecisionCommand command) {
        return Uni.createFrom().failure(new UnsupportedOperationException("not yet"));
    }
}
