package dev.countersign.approval.service;

import dev.countersign.approval.config.ApprovalConfig;
import dev.countersign.approval.domain.Channels;
import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.domain.DecisionCommand;
import dev.countersign.approval.domain.Emitted;
import dev.countersign.approval.domain.Viewer;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.Actor;
import dev.countersign.contracts.events.DecisionRefused;
import dev.countersign.contracts.events.DecisionSubmitted;
import dev.countersign.contracts.events.RequiredApproval;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.persistence.Inbox;
import dev.countersign.kit.persistence.Transactions;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Decisions from the chat ({@code decision.submitted} on {@code countersign.decisions[.<tenant>]}), checked
 * exactly like REST ones through {@link DecisionService} with channel {@code chat}. The actor is
 * {@code actor.id}; {@code actor.role} is believed only when {@code countersign.approval.chat.trust-roles} is on
 * (Kafka cannot tell who produced a record), so by default chat decisions satisfy only {@code end_user} approvers. A
 * refused decision is answered with {@code decision.refused} on {@code countersign.approvals}, written in the same
 * transaction as the inbox mark of its record: each record is applied or answered exactly once.
 */
@ApplicationScoped
public class ChatDecisions {
    /** The inbox consumer name of chat decisions. */
    static final String CONSUMER = "approval-service.decisions";

    private final Transactions transactions;
    private final Inbox inbox;
    private final DecisionService decisions;
    private final ApprovalStore store;
    private final boolean trustRoles;

    ChatDecisions(Transactions transactions, Inbox inbox, DecisionService decisions, ApprovalStore store,
            ApprovalConfig config) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.decisions = decisions;
        this.store = store;
        this.trustRoles = config.chat().trustRoles();
    }

    /** Applies decision {@code decisionId} (the record's CloudEvent id) for {@code tenant}, once. */
    public Uni<Void> decide(String decisionId, String tenant, DecisionSubmitted submitted) {
        Actor actor = submitted.actor();
        Set<String> groups = trustRoles && actor.role() != null && !actor.role().isBlank()
                ? Set.of(stripRolePrefix(actor.role())) : Set.of();
        DecisionCommand command = new DecisionCommand(tenant, submitted.proposalId(),
                new Viewer(tenant, actor.id(), groups), Decision.parse(submitted.decision()), Channels.CHAT,
                submitted.comment(), null, submitted.digest());
        return transactions.<Void>write(session -> inbox.firstDelivery(session, CONSUMER, decisionId)
                .flatMap(first -> !first ? Uni.createFrom().voidItem()
                        : decisions.decideIn(session, command)
                                .flatMap(outcome -> outcome.refusal() == null ? Uni.createFrom().voidItem()
                                        : refuse(session, decisionId, tenant, submitted, outcome.refusal()))
                                .onFailure(DomainException.class).recoverWithUni(f ->
                                        refuse(session, decisionId, tenant, submitted, (DomainException) f))));
    }

    /** Answers a decision whose data names a tenant other than its topic's: refused {@code forbidden}, once. */
    public Uni<Void> forbidden(String decisionId, String topicTenant, DecisionSubmitted submitted, String message) {
        DomainException refusal = DomainException.forbidden("forbidden", message);
        return transactions.<Void>write(session -> inbox.firstDelivery(session, CONSUMER, decisionId)
                .flatMap(first -> !first ? Uni.createFrom().voidItem()
                        : refuse(session, decisionId, topicTenant, submitted, refusal)));
    }

    private Uni<Void> refuse(Mutiny.Session session, String decisionId, String tenant, DecisionSubmitted submitted,
            DomainException refusal) {
        Log.infof("chat decision %s on proposal %s of tenant %s refused: %s", decisionId, submitted.proposalId(),
                tenant, refusal.code());
        return store.publish(session, submitted.proposalId(), List.of(new Emitted(EventTypes.DECISION_REFUSED,
                new DecisionRefused(submitted.proposalId(), tenant, submitted.actor(), refusal.code(),
                        refusal.getMessage(), decisionId))));
    }

    private static String stripRolePrefix(String role) {
        return role.startsWith(RequiredApproval.ROLE_PREFIX) ? role.substring(RequiredApproval.ROLE_PREFIX.length())
                : role;
    }
}
