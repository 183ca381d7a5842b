package dev.countersign.proposal.messaging;

import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.proposal.service.ActionReplicaService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Reads {@code countersign.actions} into the local replica of published definitions. */
@ApplicationScoped
public class ActionsConsumer {
    /** Channel bound to {@code countersign.actions}. */
    public static final String CHANNEL = "actions-in";

    private final EventIntake intake;
    private final ActionReplicaService replica;

    ActionsConsumer(EventIntake intake, ActionReplicaService replica) {
        this.intake = intake;
        this.replica = replica;
    }

    @Incoming(CHANNEL)
    public Uni<Void> on(Message<String> message) {
        return intake.consume(message, replica::apply);
    }
}
