package dev.countersign.approval.messaging;

import dev.countersign.approval.domain.ApprovalPolicy;
import dev.countersign.approval.service.ApprovalService;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code countersign.validations}: every accepted proposal starts its approval; rejected proposals
 * need none and are only acknowledged. Anything else on the topic is dead-lettered with the reason.
 */
@ApplicationScoped
public class ValidationsConsumer {
    /** The incoming channel mapped to {@code countersign.validations}. */
    public static final String CHANNEL = "validations-in";

    private final EventIntake intake;
    private final ApprovalService service;

    ValidationsConsumer(EventIntake intake, ApprovalService service) {
        this.intake = intake;
        this.service = service;
    }

    /** Applies one record; the message is acknowledged only once its effect is committed. */
    @Incoming(CHANNEL)
    public Uni<Void> onValidation(Message<String> message) {
        return intake.consume(message, this::apply);
    }

    Uni<Void> apply(IncomingEvent event) {
        switch (event.type()) {
            case EventTypes.PROPOSAL_ACCEPTED:
                ProposalAccepted proposal = read(event);
                return service.accept(event.id(), proposal, event.data()).replaceWithVoid();
            case EventTypes.PROPOSAL_REJECTED:
                // A rejected proposal never reaches approval; nothing to store or publish.
                Log.debugf("proposal %s was rejected; nothing to approve", event.subject());
                return Uni.createFrom().voidItem();
            default:
                throw new PoisonMessageException("unexpected event type '" + event.type() + "' on " + event.topic());
        }
    }

    private static ProposalAccepted read(IncomingEvent event) {
        ProposalAccepted proposal = event.dataAs(ProposalAccepted.class);
        List<String> problems = ApprovalPolicy.problems(proposal);
        if (!problems.isEmpty()) {
            throw new PoisonMessageException("proposal.accepted " + event.id() + " is unusable: "
                    + String.join("; ", problems));
        }
        // The subject is the proposal id on lifecycle topics; disagreeing ones mean a broken producer.
        if (event.subject() != null && !event.subject().equals(proposal.proposalId())) {
            throw new PoisonMessageException("proposal.accepted " + event.id() + " has subject " + event.subject()
                    + " but proposal_id " + proposal.proposalId());
        }
        return proposal;
    }
}
