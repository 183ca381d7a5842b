package dev.countersign.approval.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.approval.domain.ApprovalPolicy;
import dev.countersign.approval.domain.DecisionRecord;
import dev.countersign.approval.domain.DryRuns;
import dev.countersign.approval.domain.Transition;
import dev.countersign.approval.persistence.ApprovalEntity;
import dev.countersign.approval.persistence.ApprovalRepository;
import dev.countersign.approval.persistence.DecisionEntity;
import dev.countersign.contracts.events.DryRunCompleted;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.kit.persistence.Inbox;
import dev.countersign.kit.persistence.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Starts the approval of each accepted proposal and applies dry-run results. Each change and the event it causes
 * commit in one transaction (outbox), so a proposal is approved, requested or expired exactly once however often
 * its {@code proposal.accepted} is delivered.
 *
 * <p>Insert-if-absent without native SQL: a redelivery finds the row and changes nothing. Two copies of one
 * proposal racing (possible only while a partition moves between replicas, as the key is the proposal id) both
 * miss the row; the primary key {@code (tenant, proposal_id)} lets one commit and fails the other with a unique
 * violation, which rolls back its outbox row too. The kit's intake retries a unique violation, and the retry
 * takes the "already there" path.
 */
@ApplicationScoped
public class ApprovalService {
    /** The inbox consumer name of dry-run results. */
    static final String DRY_RUNS = "approval-service.dryruns";

    private final Transactions transactions;
    private final ApprovalRepository approvals;
    private final ApprovalStore store;
    private final Inbox inbox;

    ApprovalService(Transactions transactions, ApprovalRepository approvals, ApprovalStore store, Inbox inbox) {
        this.transactions = transactions;
        this.approvals = approvals;
        this.store = store;
        this.inbox = inbox;
    }

    /**
     * Applies an accepted proposal (already checked with {@link ApprovalPolicy#problems}); answers whether it
     * was new. A proposal that already has an approval row is left as it is and publishes nothing.
     *
     * @param snapshot the accepted event's data as received, stored whole
     */
    public Uni<Boolean> accept(String acceptedEventId, ProposalAccepted proposal, ObjectNode snapshot) {
        // Milliseconds: what PostgreSQL and the published event agree on, so the API shows the same instant.
        ApprovalPolicy.Arrival arrival = ApprovalPolicy.arrive(proposal, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        arrival.policy().ruleProblems().forEach(problem -> Log.warnf("proposal %s of tenant %s: %s",
                proposal.proposalId(), proposal.tenant(), problem));
        ApprovalEntity row = ApprovalEntity.arrived(arrival.view(), proposal.approvalMode(), acceptedEventId,
                snapshot);
        row.decidedBy = ApprovalStore.finalDeciders(arrival.view());
        return transactions.<Boolean>write(session -> approvals.findById(row.key()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(false);
            }
            Uni<Void> chain = session.persist(row).chain(session::flush);
            for (DecisionRecord decision : arrival.view().decisions()) {
                chain = chain.chain(() -> session.persist(DecisionEntity.of(row.tenant, row.proposalId, decision)));
            }
            return chain.chain(() -> store.publish(session, row.proposalId, arrival.events())).replaceWith(true);
        })).invoke(inserted -> {
            if (inserted) {
                Log.infof("proposal %s of tenant %s: %s (%s%s)", proposal.proposalId(), proposal.tenant(),
                        row.status.wire(), row.mode, row.rule == null ? "" : ", rule " + row.rule);
            } else {
                Log.infof("proposal %s of tenant %s already has an approval; accepted event %s ignored",
                        proposal.proposalId(), proposal.tenant(), acceptedEventId);
            }
        });
    }

    /**
     * Applies a dry run's result once per event id: shown on the approval, bound into its digest and announced
     * with {@code approval.requested}; a stale one (parameters since edited, approval no longer waiting) is
     * ignored. Answers whether it was applied.
     */
    public Uni<Boolean> dryRunCompleted(String eventId, DryRunCompleted completed) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return transactions.<Boolean>write(session -> inbox.firstDelivery(session, DRY_RUNS, eventId)
                .flatMap(first -> !first ? Uni.createFrom().item(false)
                        : store.lock(completed.tenant(), completed.proposalId()).flatMap(locked -> {
                            Transition t = DryRuns.complete(locked.view(), completed);
                            if (t == null) {
                                Log.infof("dry-run result %s for proposal %s of tenant %s is stale or unknown; ignored",
                                        eventId, completed.proposalId(), completed.tenant());
                                return Uni.createFrom().item(false);
                            }
                            return store.save(session, locked.row(), t, now).replaceWith(true);
                        })));
    }
}
