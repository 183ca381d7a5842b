package dev.countersign.approval.service;

import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.DecisionCommand;
import dev.countersign.approval.domain.DecisionRules;
import dev.countersign.approval.domain.Transition;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.persistence.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Decides: the one path every channel (REST, inbox, link, chat) takes, by the rules of {@link DecisionRules}.
 * The approval row is locked ({@code SELECT … FOR UPDATE}) for the decision's transaction, so two decisions
 * racing (a chat decision and a REST one) are applied one after the other and the proposal is decided once; the
 * state change and its event (outbox) commit together. Fails with a {@link DomainException}: 404
 * {@code not_found}, 403 {@code not_eligible}, 409 {@code already_decided | expired | stale_digest |
 * dry_run_pending}, 422 {@code invalid_parameters} (with {@code errors[]}).
 */
@ApplicationScoped
public class DecisionService {
    private final Transactions transactions;
    private final ApprovalStore store;

    DecisionService(Transactions transactions, ApprovalStore store) {
        this.transactions = transactions;
        this.store = store;
    }

    /**
     * What a decision did: the approval afterwards, and a refusal to answer even though something was committed
     * (a decision after the deadline expires the approval, then is refused {@code expired}).
     */
    public record Outcome(ApprovalView view, DomainException refusal) {
    }

    /** Applies {@code command} in its own transaction; answers the approval as it stands afterwards. */
    public Uni<ApprovalView> decide(DecisionCommand command) {
        return transactions.<Outcome>write(session -> decideIn(session, command)).map(outcome -> {
            if (outcome.refusal() != null) {
                throw outcome.refusal();
            }
            return outcome.view();
        });
    }

    /**
     * Applies {@code command} within {@code session}'s transaction (the chat path records its inbox mark in the
     * same one). A refusal that changes nothing fails the Uni with a {@link DomainException} before anything was
     * written.
     */
    public Uni<Outcome> decideIn(Mutiny.Session session, DecisionCommand command) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return store.lock(command.tenant(), command.proposalId()).flatMap(locked -> {
            Transition t = DecisionRules.decide(locked.view(), command,
                    locked.row() == null ? null : locked.row().accepted(), now);
            t.warnings().forEach(warning -> Log.warnf("proposal %s of tenant %s, edit by %s: %s",
                    command.proposalId(), command.tenant(), command.actor().subject(), warning));
            if (!t.changes()) {
                return Uni.createFrom().item(new Outcome(t.after(), null));
            }
            return store.save(session, locked.row(), t, now)
                    .invoke(() -> Log.infof("proposal %s of tenant %s: %s %s by %s%s via %s -> %s (revision %d)",
                            command.proposalId(), command.tenant(), command.decision().wire(),
                            command.parameters() == null ? "" : "(edited)", command.actor().subject(),
                            command.issuedBy() == null ? "" : " (vouched for by " + command.issuedBy() + ")",
                            command.channel(), t.after().status().wire(), t.after().revision()))
                    .replaceWith(new Outcome(t.after(), t.thenRefuse()));
        });
    }
}
