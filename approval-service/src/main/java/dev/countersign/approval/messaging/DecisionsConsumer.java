package dev.countersign.approval.messaging;

import dev.countersign.approval.service.ChatDecisions;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.DecisionSubmitted;
import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import dev.countersign.kit.messaging.TenantTopics;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads chat decisions from {@code countersign.decisions} and every tenant's {@code countersign.decisions.<tenant>}
 * (one pattern subscription, so a new tenant's topic is found without a restart). The tenant is the topic's
 * ({@link TenantTopics}): a record naming another tenant is refused {@code forbidden}; the shared topic counts only
 * when {@code countersign.inbound.trust-shared-topics} is on, otherwise its records are dead-lettered. Only
 * {@code decision.submitted} is read; anything else, or a decision that cannot be read, goes to
 * {@code countersign.decisions.dlq}.
 */
@ApplicationScoped
public class DecisionsConsumer {
    /** The incoming channel of the decision topics. */
    public static final String CHANNEL = "decisions-in";

    private final EventIntake intake;
    private final ChatDecisions decisions;
    private final boolean trustShared;

    DecisionsConsumer(EventIntake intake, ChatDecisions decisions,
            @ConfigProperty(name = "countersign.inbound.trust-shared-topics") boolean trustShared) {
        this.intake = intake;
        this.decisions = decisions;
        this.trustShared = trustShared;
    }

    void announce(@Observes StartupEvent ignored) {
        Log.infof("chat decisions: reading %s.<tenant>; the shared topic %s is %s", Topics.DECISIONS,
                Topics.DECISIONS, trustShared ? "trusted (records act for the tenant they name)"
                        : "not trusted (its records are dead-lettered)");
    }

    /** Applies one record; the message is acknowledged only once its effect is committed. */
    @Incoming(CHANNEL)
    public Uni<Void> onDecision(Message<String> message) {
        return intake.consume(message, this::apply);
    }

    Uni<Void> apply(IncomingEvent event) {
        if (!EventTypes.DECISION_SUBMITTED.equals(event.type())) {
            throw new PoisonMessageException("unexpected event type '" + event.type() + "' on " + event.topic());
        }
        DecisionSubmitted submitted = read(event);
        TenantTopics.Binding binding = TenantTopics.bind(Topics.DECISIONS, event.topic(), submitted.tenant(),
                trustShared);
        if (binding instanceof TenantTopics.Binding.Bound bound) {
            return decisions.decide(event.id(), bound.tenant(), submitted);
        }
        if (binding instanceof TenantTopics.Binding.Forbidden forbidden) {
            return decisions.forbidden(event.id(), forbidden.tenant(), submitted, forbidden.message());
        }
        throw new PoisonMessageException(((TenantTopics.Binding.Untrusted) binding).reason());
    }

    private static DecisionSubmitted read(IncomingEvent event) {
        DecisionSubmitted d = event.dataAs(DecisionSubmitted.class);
        List<String> problems = new ArrayList<>();
        if (d.proposalId() == null || d.proposalId().isBlank()) {
            problems.add("proposal_id is missing");
        }
        if (!"approve".equals(d.decision()) && !"deny".equals(d.decision())) {
            problems.add("decision must be approve or deny");
        }
        if (d.actor() == null || d.actor().id() == null || d.actor().id().isBlank()) {
            problems.add("actor.id is missing");
        }
        if (!problems.isEmpty()) {
            throw new PoisonMessageException("decision.submitted " + event.id() + " is unusable: "
                    + String.join("; ", problems));
        }
        return d;
    }
}
