package dev.countersign.proposal.messaging;

import dev.countersign.contracts.EventTypes;
import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import dev.countersign.proposal.domain.Submission;
import dev.countersign.proposal.service.ProposalIntake;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads proposals from {@code countersign.proposals}: the CloudEvent id is the proposal id and the data goes
 * through {@link ProposalIntake}, submitted by {@code topic:<topic>} (the only identity Kafka vouches for); any
 * other event type on the topic, and an id longer than 256 characters or containing U+0000, is dead-lettered.
 */
@ApplicationScoped
public class ProposalsConsumer {
    /** Channel bound to {@code countersign.proposals}. */
    public static final String CHANNEL = "proposals-in";

    private final EventIntake intake;
    private final ProposalIntake proposals;

    ProposalsConsumer(EventIntake intake, ProposalIntake proposals) {
        this.intake = intake;
        this.proposals = proposals;
    }

    @Incoming(CHANNEL)
    public Uni<Void> on(Message<String> message) {
        return intake.consume(message, this::apply);
    }

    Uni<Void> apply(IncomingEvent event) {
        if (!EventTypes.PROPOSAL_SUBMITTED.equals(event.type())) {
            throw new PoisonMessageException("unexpected type " + event.type() + " on " + event.topic());
        }
        if (!Submission.usableId(event.id())) {
            // Dead-lettered rather than rejected (see Submission.usableId); HTTP answers 422 for the same ids.
            throw new PoisonMessageException("the proposal id (CloudEvent id) must be at most "
                    + Submission.MAX_PROPOSAL_ID_LENGTH + " characters without U+0000; it has " + event.id().length());
        }
        return proposals.submit(Submission.fromKafka(event.id(), event.data(), event.source(), event.topic()))
                .replaceWithVoid();
    }
}
